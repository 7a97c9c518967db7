package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.internal.FindingRepository;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.TenantScope;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads findings for pages, the Dependency-Track API and alerts. */
@Service
public class FindingService {

  private final FindingRepository repository;

  FindingService(FindingRepository repository) {
    this.repository = repository;
  }

  /** Open findings of a project, if the caller may see it (an empty list otherwise). */
  public List<Finding> openOfProject(Caller caller, UUID projectId) {
    return repository.openOfProject(TenantScope.of(caller), projectId);
  }

  /** Open findings of the caller's own organisation. */
  public List<Finding> openOfOwnOrganisation(Caller caller) {
    return repository.openOfOrganisation(TenantScope.own(caller));
  }

  /** The findings one analysis opened for one organisation. */
  public List<Finding> openedIn(UUID analysisId, UUID orgId) {
    return repository.openedIn(analysisId, orgId);
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

}
