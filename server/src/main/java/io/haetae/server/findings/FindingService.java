package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.internal.FindingRepository;
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

  public List<Finding> openOfProject(UUID projectId) {
    return repository.openOfProject(projectId);
  }

  public List<Finding> openOfOrganisation(UUID orgId) {
    return repository.openOfOrganisation(orgId);
  }

  /** The findings one analysis opened for one organisation. */
  public List<Finding> openedIn(UUID analysisId, UUID orgId) {
    return repository.openedIn(analysisId, orgId);
  }

  /** Open findings across the nation, by severity. */
  public SeverityCount nationalCounts() {
    return new SeverityCount(repository.countBySeverity(null));
  }

  public SeverityCount countsOf(UUID orgId) {
    return new SeverityCount(repository.countBySeverity(orgId));
  }

  /** Organisations with open findings, most critical first. */
  public List<OrganisationExposure> exposedOrganisations() {
    return repository.exposures();
  }

}
