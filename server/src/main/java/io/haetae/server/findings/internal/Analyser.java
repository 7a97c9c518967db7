package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.ProjectDeleted;
import io.haetae.server.inventory.SbomImported;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.knowledge.AdvisoriesChanged;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.StoredAdvisory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Both matching directions. Forward: an uploaded SBOM against the advisories of its packages.
 * Reverse: changed advisories against the stored components of their packages only (indexed by
 * ecosystem and name), never a rescan of every SBOM. Listeners are idempotent: a redelivered
 * event finds its findings already stored and opens nothing twice.
 */
@Component
class Analyser {

  private static final Logger log = LoggerFactory.getLogger(Analyser.class);

  private final InventoryService inventory;
  private final AdvisoryCatalog catalog;
  private final FindingRepository findings;
  private final ApplicationEventPublisher events;

  Analyser(InventoryService inventory, AdvisoryCatalog catalog, FindingRepository findings, ApplicationEventPublisher events) {
    this.inventory = inventory;
    this.catalog = catalog;
    this.findings = findings;
    this.events = events;
  }

  @ApplicationModuleListener
  void on(SbomImported event) {
    long start = System.nanoTime();
    List<StoredComponent> components = inventory.components(event.projectId());
    Set<PackageKey> keys = new LinkedHashSet<>();
    for (StoredComponent c : components) InstalledPackage.fromPurl(c.purl()).ifPresent(i -> keys.add(i.key()));
    List<Advisory> advisories = catalog.forPackages(keys);
    List<Finding> current = Analysis.findings(components, advisories, event.token());
    List<Finding> opened = findings.insertNew(current);
    int resolved = findings.resolveMissing(event.projectId(), current);
    int open = findings.openOfProject(event.projectId()).size();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    inventory.markAnalysed(event.token(), open, tookMs);
    announce(event.token(), opened);
    log.atInfo().addKeyValue("org", event.orgId()).addKeyValue("project", event.projectId())
        .addKeyValue("components", components.size()).addKeyValue("advisories", advisories.size())
        .addKeyValue("opened", opened.size()).addKeyValue("resolved", resolved).addKeyValue("tookMs", tookMs)
        .log("SBOM matched");
  }

  @ApplicationModuleListener
  void on(AdvisoriesChanged event) {
    long start = System.nanoTime();
    List<Advisory> advisories = catalog.changedIn(event.analysisId()).stream()
        .map(StoredAdvisory::advisory).filter(a -> !a.isWithdrawn()).toList();
    Set<PackageKey> keys = new LinkedHashSet<>();
    advisories.forEach(a -> keys.addAll(AdvisoryIndex.keysOf(a)));
    List<StoredComponent> candidates = keys.isEmpty() ? List.of() : inventory.componentsOf(keys);
    List<Finding> opened = findings.insertNew(Analysis.findings(candidates, advisories, event.analysisId()));
    announce(event.analysisId(), opened);
    log.atInfo().addKeyValue("advisories", advisories.size()).addKeyValue("candidates", candidates.size())
        .addKeyValue("opened", opened.size()).addKeyValue("tookMs", (System.nanoTime() - start) / 1_000_000)
        .log("advisories matched against inventory");
  }

  @ApplicationModuleListener
  void on(ProjectDeleted event) {
    findings.deleteOfProject(event.projectId());
  }

  /** One event per organisation, so each CISO gets one digest of their own findings only. */
  private void announce(java.util.UUID analysisId, List<Finding> opened) {
    Map<UUID, Integer> byOrg = new LinkedHashMap<>();
    for (Finding f : opened) byOrg.merge(f.orgId(), 1, Integer::sum);
    byOrg.forEach((org, count) -> events.publishEvent(new FindingsOpened(analysisId, org, count)));
  }
}
