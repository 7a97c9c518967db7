package io.haetae.server.identity;

import static io.haetae.server.web.SqlValues.clip;

import io.haetae.server.identity.internal.AuditRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log. {@link #record} joins the caller's transaction, so an action and its
 * audit line commit (or roll back) together; {@link #refused} and {@link #attempt} write in their
 * own transaction, so a refusal is kept even when the request's work is rolled back. The client
 * address comes from the current request (behind a proxy set {@code server.forward-headers-strategy}).
 */
@Service
public class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final AuditRepository repository;

  AuditLog(AuditRepository repository) {
    this.repository = repository;
  }

  /** An action a caller took on an object of an organisation. */
  @Transactional
  public void record(Caller caller, String action, UUID organisation, String target) {
    write(caller.name(), organisation, action, target);
  }

  /** A request the caller was refused: logged even though the request itself fails. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void refused(Caller caller, String target) {
    write(caller.name(), caller.orgId(), "access.refused", target);
  }

  /** A sign-in or key attempt, successful or not, possibly by no one known yet. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void attempt(String actor, UUID organisation, String action, String target) {
    write(actor, organisation, action, target);
  }

  /** The newest entries first, within what the caller may read; an organisation reads nothing. */
  public List<AuditEntry> read(Caller caller, String action, Instant since, int limit) {
    caller.require(Capability.READ_AUDIT);
    return repository.find(TenantScope.audit(caller), action, since, Math.max(1, Math.min(limit, 10_000)));
  }

  private void write(String actor, UUID organisation, String action, String target) {
    String from = clientAddress();
    repository.insert(new AuditEntry(0, Instant.now(), clip(actor, 320), organisation, action, clip(target, 500), from));
    log.atInfo().addKeyValue("actor", actor).addKeyValue("org", organisation).addKeyValue("action", action)
        .addKeyValue("target", target).addKeyValue("from", from).log("audit");
  }

  /** The address of the request being served, or null outside a request (command line, listeners). */
  public static String clientAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
