package io.haetae.server.findings;

import io.haetae.server.findings.internal.Deadlines;
import io.haetae.server.findings.internal.FindingRepository;
import io.haetae.server.findings.internal.StateChanges;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.web.NotFoundException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads findings for pages, the Dependency-Track API and alerts, and moves them through their
 * lifecycle (docs/findings.md). Lists of open findings put the overdue ones first, then by
 * severity. Every move publishes {@link FindingStateChanged} and is audited.
 */
@Service
public class FindingService {

  private final FindingRepository repository;
  private final StateChanges changes;
  private final Deadlines deadlines;

  FindingService(FindingRepository repository, StateChanges changes, Deadlines deadlines) {
    this.repository = repository;
    this.changes = changes;
    this.deadlines = deadlines;
  }

  /** Today, in the zone due dates are counted in (docs/deadlines.md). */
  public LocalDate today() {
    return deadlines.policy().today();
  }

  /** Open findings of a project, if the caller may see it (an empty list otherwise); overdue first. */
  public List<Finding> openOfProject(Caller caller, UUID projectId) {
    return repository.openOfProject(TenantScope.of(caller), projectId, today());
  }

  /** Open findings of the caller's own organisation; overdue first. */
  public List<Finding> openOfOwnOrganisation(Caller caller) {
    return repository.openOfOrganisation(TenantScope.own(caller), today());
  }

  /** The findings one analysis opened for one organisation (still open). */
  public List<Finding> openedIn(UUID analysisId, UUID orgId) {
    return repository.openedIn(analysisId, orgId, today());
  }

  /** One finding the caller may see. */
  public Optional<Finding> find(Caller caller, UUID findingId) {
    return repository.find(TenantScope.of(caller), findingId);
  }

  /** Findings by id, whatever their organisation (module API for the hub's own work, e.g. alerts). */
  public List<Finding> findAll(Collection<UUID> findingIds) {
    return findingIds.isEmpty() ? List.of() : repository.findAll(findingIds);
  }

  /** Open findings by severity over what the caller oversees: the nation, or a sector. */
  public SeverityCount overseenCounts(Caller caller) {
    return new SeverityCount(repository.countBySeverity(TenantScope.of(caller)));
  }

  public SeverityCount ownCounts(Caller caller) {
    return new SeverityCount(repository.countBySeverity(TenantScope.own(caller)));
  }

  /** Organisations the caller oversees with open findings, most critical first. */
  public List<OrganisationExposure> exposedOrganisations(Caller caller) {
    return repository.exposures(TenantScope.of(caller));
  }

  /**
   * Moves the NEW findings among {@code findingIds} to ACKNOWLEDGED, as {@code actor} (the alert
   * module calls this when an alert is acknowledged; it has checked who may). Findings in any
   * other state are left as they are. Returns how many moved.
   */
  @Transactional
  public int acknowledge(Collection<UUID> findingIds, String actor) {
    if (findingIds.isEmpty()) return 0;
    int moved = 0;
    for (Finding f : repository.newAmong(findingIds)) {
      try {
        changes.move(f, FindingState.ACKNOWLEDGED, f.assessment(), actor, "alert acknowledged");
        moved++;
      } catch (IllegalFindingMove raced) {
        // Moved by someone else meanwhile: acknowledging it is no longer this call's business.
      }
    }
    return moved;
  }

  /**
   * A person moves one finding of their own organisation (a page action), giving a reason.
   * Throws {@link IllegalFindingMove} when the lifecycle forbids the move, 404 for a finding the
   * caller may not change. Use {@link #acceptRisk} for RISK_ACCEPTED (it needs an expiry).
   */
  @Transactional
  public Finding move(Caller caller, UUID findingId, FindingState to, String reason) {
    Finding f = writable(caller, findingId);
    var a = f.assessment();
    var assessment = new Finding.Assessment(a.justification(), a.response(), reason == null ? a.details() : reason,
        a.suppressed(), to == FindingState.RISK_ACCEPTED ? reason : null,
        to == FindingState.RISK_ACCEPTED ? a.riskExpires() : null);
    return changes.move(f, to, assessment, caller.name(), reason);
  }

  /** A person accepts the risk of one finding until {@code until}; the finding reopens after that day. */
  @Transactional
  public Finding acceptRisk(Caller caller, UUID findingId, String reason, LocalDate until) {
    Finding f = writable(caller, findingId);
    var a = f.assessment();
    var assessment = new Finding.Assessment(a.justification(), "will_not_fix", a.details(), a.suppressed(), reason, until);
    return changes.move(f, FindingState.RISK_ACCEPTED, assessment, caller.name(), reason);
  }

  private Finding writable(Caller caller, UUID findingId) {
    caller.require(Capability.WRITE_INVENTORY);
    return repository.find(TenantScope.writable(caller), findingId).orElseThrow(() -> new NotFoundException("finding"));
  }
}
