package io.haetae.server.findings.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.FindingStateChanged;
import io.haetae.server.findings.IllegalFindingMove;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Role;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every move of a finding goes through here: checked against {@link Lifecycle}, written,
 * published as {@link FindingStateChanged} and audited with who and why, in one transaction.
 */
@Component
public class StateChanges {

  /** The actor of the hub's own moves (a later SBOM lacks the version, a risk acceptance expired). */
  public static final String SYSTEM = "system";

  private final FindingRepository repository;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;

  StateChanges(FindingRepository repository, ApplicationEventPublisher events, AuditLog audit) {
    this.repository = repository;
    this.events = events;
    this.audit = audit;
  }

  /**
   * Moves {@code current} to {@code to} with the assessment, as {@code actor} gives {@code reason}.
   * A move the lifecycle forbids, or one that lost a race with another move, throws
   * {@link IllegalFindingMove}. Staying in the same state updates the assessment only (audited,
   * no event).
   */
  @Transactional
  public Finding move(Finding current, FindingState to, Finding.Assessment assessment, String actor, String reason) {
    Lifecycle.check(current.state(), to);
    Instant now = Instant.now();
    if (!repository.move(current, to, assessment, now)) {
      var fresh = repository.find(io.haetae.server.identity.TenantScope.SYSTEM, current.id()).orElseThrow();
      throw new IllegalFindingMove(fresh.state(), to);
    }
    if (current.state() == to) {
      audit.record(callerNamed(current, actor), "finding.assess", current.orgId(), target(current) + ": " + to
          + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
    } else {
      announce(current, to, now, actor, reason);
    }
    return repository.find(io.haetae.server.identity.TenantScope.SYSTEM, current.id()).orElseThrow();
  }

  /** Publishes and audits moves the repository already wrote (the hub's own, in bulk). */
  public void announce(List<FindingRepository.Moved> moved, FindingState to, String actor, String reason) {
    Instant now = Instant.now();
    for (var m : moved) announce(m.finding(), m.from(), to, now, actor, reason);
  }

  private void announce(Finding f, FindingState to, Instant at, String actor, String reason) {
    announce(f, f.state(), to, at, actor, reason);
  }

  private void announce(Finding f, FindingState from, FindingState to, Instant at, String actor, String reason) {
    events.publishEvent(new FindingStateChanged(f.id(), f.orgId(), f.projectId(), f.advisoryId(), f.severity(), from, to,
        at, actor, reason));
    audit.record(callerNamed(f, actor), "finding.state", f.orgId(), target(f) + ": " + from + " -> " + to
        + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
  }

  private static String target(Finding f) {
    return "finding " + f.id() + " " + f.advisoryId() + " in " + f.componentName() + " (project " + f.projectId() + ")";
  }

  /** The audit log names the actor; its caller type carries nothing else we need here. */
  private static Caller callerNamed(Finding f, String actor) {
    return new Caller(f.orgId(), null, actor == null || actor.isBlank() ? SYSTEM : actor, Role.MEMBER);
  }
}
