package io.haetae.server.findings.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.inventory.ProjectExposureChanged;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.KevChanged;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps due dates current when what they depend on changes: a CVE newly listed in KEV (or its
 * KEV due date moved) re-dates the open findings that name it, by any of its ids. Idempotent.
 */
@Component
class DueDates {

  private static final Logger log = LoggerFactory.getLogger(DueDates.class);

  private final AdvisoryCatalog catalog;
  private final FindingRepository findings;
  private final Deadlines deadlines;

  DueDates(AdvisoryCatalog catalog, FindingRepository findings, Deadlines deadlines) {
    this.catalog = catalog;
    this.findings = findings;
    this.deadlines = deadlines;
  }

  @ApplicationModuleListener
  void on(KevChanged event) {
    int changed = redate(findings.openOfAdvisories(catalog.idsNaming(event.cveIds())));
    log.atInfo().addKeyValue("cves", event.cveIds().size()).addKeyValue("redated", changed)
        .log("KEV changed: due dates recomputed");
  }

  @ApplicationModuleListener
  void on(ProjectExposureChanged event) {
    int changed = redate(findings.openOfProject(event.projectId(), deadlines.policy().today()));
    log.atInfo().addKeyValue("project", event.projectId()).addKeyValue("internetFacing", event.internetFacing())
        .addKeyValue("redated", changed).log("project exposure changed: due dates recomputed");
  }

  private int redate(List<Finding> open) {
    Map<UUID, Finding> before = new HashMap<>();
    open.forEach(f -> before.put(f.id(), f));
    int changed = 0;
    for (Finding f : deadlines.dated(open)) {
      if (!Objects.equals(f.dueDate(), before.get(f.id()).dueDate())) {
        findings.setDueDate(f.id(), f.dueDate());
        changed++;
      }
    }
    return changed;
  }
}
