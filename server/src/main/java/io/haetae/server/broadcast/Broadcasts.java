package io.haetae.server.broadcast;

import io.haetae.server.broadcast.internal.BroadcastRepository;
import io.haetae.server.broadcast.internal.SenderPool;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.Role;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.MarkdownRenderer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;

/**
 * Notices to many organisations at once. {@link #send} writes the broadcast and one recipient row
 * per addressed organisation in one transaction, then sender workers deliver it in the
 * background (docs/broadcasts.md): every recipient gets it exactly once, across restarts.
 *
 * <p>Who may address whom: the national operator anyone; a sector operator only the organisations
 * of the sectors its ministry supervises (an audience without sectors means all of those); every
 * other role no one.
 *
 * <pre>{@code
 * BroadcastStatus sent = broadcasts.send(operator,
 *     new Notice("Readiness check", "Please answer by **Friday**.", Audience.sectors("water"), true));
 * }</pre>
 */
@Service
public class Broadcasts {

  private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);

  static final int MAX_TITLE = 300;
  static final int MAX_BODY = 100_000;

  private final BroadcastRepository repository;
  private final OrganisationDirectory directory;
  private final MarkdownRenderer markdown;
  private final SenderPool senders;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final long attachmentLimit;

  Broadcasts(BroadcastRepository repository, OrganisationDirectory directory, MarkdownRenderer markdown, SenderPool senders,
      AuditLog audit, ApplicationEventPublisher events,
      @Value("${haetae.broadcast.attachment-limit:1MB}") DataSize attachmentLimit) {
    this.repository = repository;
    this.directory = directory;
    this.markdown = markdown;
    this.senders = senders;
    this.audit = audit;
    this.events = events;
    this.attachmentLimit = attachmentLimit.toBytes();
  }

  /**
   * Addresses a notice to its audience on behalf of the caller and queues it for sending.
   *
   * @throws BadInputException naming the field: empty title or body, no audience, an audience
   *     that matches no organisation, attachments over the limit
   * @throws AudienceRefusedException when the caller may not address a sector or organisation
   *     of the audience (the message names it)
   * @throws AccessDeniedException when the caller's role sends no notices at all
   */
  @Transactional
  public BroadcastStatus send(Caller caller, Notice notice) {
    requireSender(caller);
    validate(notice);
    Audience audience = scoped(caller, notice.audience());
    List<Addressee> addressees = directory.addressees(audience.all(), audience.sectors(), audience.sizes(),
        audience.organisations());
    if (caller.role() == Role.SECTOR_OPERATOR) checkWithinSectors(caller, addressees);
    if (addressees.isEmpty()) throw new BadInputException("'audience' matches no organisation: " + audience.describe());
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    var status = new BroadcastStatus(id, notice.kind(), notice.title().strip(), notice.audience().describe(),
        notice.requireAcknowledgement(), now, caller.name(), caller.orgId(), addressees.size(), 0, 0, 0);
    repository.insert(status, notice.body(), markdown.render(notice.body()), notice.attachments());
    repository.insertRecipients(id, addressees, now);
    audit.record(caller, "broadcast.send", caller.orgId(),
        id + " '" + status.title() + "' to " + status.audience() + " (" + addressees.size() + " organisations)");
    log.atInfo().addKeyValue("broadcast", id).addKeyValue("kind", notice.kind()).addKeyValue("recipients", addressees.size())
        .log("broadcast queued");
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          senders.wake();
        }
      });
    }
    return status;
  }

  /** A broadcast's counts, if the caller may see it (national operators all, others their organisation's). */
  public Optional<BroadcastStatus> status(Caller caller, UUID id) {
    if (!maySee(caller)) return Optional.empty();
    return repository.find(id).filter(b -> caller.isOperator() || b.senderOrg().equals(caller.orgId()));
  }

  /** The newest broadcasts the caller may see. */
  public List<BroadcastStatus> list(Caller caller, int limit) {
    if (!maySee(caller)) return List.of();
    return repository.list(caller.isOperator() ? null : caller.orgId(), Math.max(1, Math.min(limit, 500)));
  }

  /** A page of the broadcast's recipients (only those that have not acknowledged, if asked), by organisation name. */
  public List<Recipient> recipients(Caller caller, UUID id, boolean onlyUnacknowledged, int offset, int limit) {
    return status(caller, id)
        .map(b -> repository.recipients(id, onlyUnacknowledged, Math.max(0, offset), Math.max(1, Math.min(limit, 1000))))
        .orElse(List.of());
  }

  /** The organisations that acknowledged a broadcast the caller may see. */
  public Set<UUID> acknowledgedBy(Caller caller, UUID id) {
    return status(caller, id).map(b -> repository.acknowledgedOrganisations(id)).orElse(Set.of());
  }

  /**
   * A signed-in member of a recipient organisation acknowledges the notice for it.
   *
   * @return false when the organisation was not addressed, the notice asks no acknowledgement, or
   *     it was acknowledged before
   */
  @Transactional
  public boolean acknowledge(Caller caller, UUID id) {
    if (!caller.may(Capability.READ_INVENTORY) && !caller.may(Capability.MANAGE_ORGANISATION)) return false;
    return acknowledge(id, caller.orgId(), caller);
  }

  /** Whether the caller's organisation is a recipient of the broadcast. */
  public boolean isAddressed(Caller caller, UUID id) {
    return repository.recipient(id, caller.orgId()).isPresent();
  }

  /** The one-click link's acknowledgement, on behalf of the addressed CISO (link already verified by the caller). */
  @Transactional
  public boolean acknowledgeByLink(UUID id, UUID orgId) {
    var recipient = repository.recipient(id, orgId);
    if (recipient.isEmpty()) return false;
    var r = recipient.get();
    return acknowledge(id, orgId, new Caller(orgId, r.orgName(), r.email() + " (link)", Role.CISO));
  }

  private boolean acknowledge(UUID id, UUID orgId, Caller actor) {
    var broadcast = repository.find(id);
    if (broadcast.isEmpty() || !broadcast.get().requireAcknowledgement()) return false;
    Instant now = Instant.now();
    if (!repository.acknowledge(id, orgId, actor.name(), now)) return false;
    audit.record(actor, "broadcast.acknowledge", orgId, id + " '" + broadcast.get().title() + "'");
    events.publishEvent(new BroadcastAcknowledged(id, broadcast.get().kind(), orgId, now, actor.name()));
    return true;
  }

  private static boolean maySee(Caller caller) {
    return caller.role() == Role.OPERATOR || caller.role() == Role.SECTOR_OPERATOR;
  }

  private static void requireSender(Caller caller) {
    if (!maySee(caller) || !caller.may(Capability.OVERSEE)) {
      throw new AccessDeniedException(caller.role() + " may not send broadcasts");
    }
  }

  /** A sector operator's audience, within its sectors; the national operator's as given. */
  /**
   * The audience a caller may address: unchanged for the national operator; for a sector operator
   * its own sectors only (an audience without sectors means all of them). Also used by checks.
   *
   * @throws AudienceRefusedException naming the sector or field the caller may not address
   */
  public static Audience scoped(Caller caller, Audience audience) {
    if (caller.role() != Role.SECTOR_OPERATOR) return audience;
    var own = new TreeSet<String>();
    caller.sectors().forEach(s -> own.add(OrganisationDirectory.sectorCode(s)));
    if (audience.all()) {
      throw new AudienceRefusedException("'audience': \"all\" is for the national operator; a sector operator addresses its sectors "
          + own);
    }
    for (String sector : new TreeSet<>(audience.sectors())) {
      if (!own.contains(sector)) {
        throw new AudienceRefusedException("'audience.sectors': sector '" + sector + "' is not supervised by your ministry");
      }
    }
    if (!audience.sectors().isEmpty() || !audience.organisations().isEmpty()) return audience;
    if (own.isEmpty()) throw new AudienceRefusedException("'audience': your ministry supervises no sector");
    return new Audience(false, own, audience.sizes(), Set.of());
  }

  /** Organisations named by id must lie in the sector operator's sectors too. */
  private static void checkWithinSectors(Caller caller, List<Addressee> addressees) {
    var own = new HashSet<String>();
    caller.sectors().forEach(s -> own.add(OrganisationDirectory.sectorCode(s)));
    for (Addressee a : addressees) {
      String sector = OrganisationDirectory.sectorCode(a.sector());
      if (sector == null || !own.contains(sector)) {
        throw new AudienceRefusedException("'audience.organisations': organisation " + a.orgId() + " is not in a sector your ministry supervises");
      }
    }
  }

  private void validate(Notice notice) {
    if (notice.title() == null || notice.title().isBlank()) throw new BadInputException("'title' is empty");
    if (notice.title().strip().length() > MAX_TITLE) throw new BadInputException("'title' is longer than " + MAX_TITLE + " characters");
    if (notice.title().chars().anyMatch(c -> c == '\r' || c == '\n')) throw new BadInputException("'title' must be one line");
    if (notice.body() == null || notice.body().isBlank()) throw new BadInputException("'body' is empty");
    if (notice.body().length() > MAX_BODY) throw new BadInputException("'body' is longer than " + MAX_BODY + " characters");
    if (notice.audience() == null || notice.audience().isEmpty()) {
      throw new BadInputException("'audience' is missing: give \"all\" or {\"sectors\": [...], \"sizes\": [...]}");
    }
    long total = 0;
    for (int i = 0; i < notice.attachments().size(); i++) {
      Attachment a = notice.attachments().get(i);
      String field = "'attachments[" + i + "]";
      if (a.name() == null || a.name().isBlank() || a.name().length() > 200 || a.name().matches(".*[/\\\\\\p{Cntrl}].*")) {
        throw new BadInputException(field + ".name' must be a file name without path, at most 200 characters");
      }
      if (a.contentType() == null || !a.contentType().matches("[\\w.+-]+/[\\w.+-]+")) {
        throw new BadInputException(field + ".contentType' must be a media type such as application/pdf");
      }
      if (a.size() == 0) throw new BadInputException(field + ".base64' is empty");
      total += a.size();
    }
    if (total > attachmentLimit) {
      throw new BadInputException("'attachments' add up to " + total + " bytes; the limit is " + attachmentLimit);
    }
  }
}
