package io.haetae.server.findings.internal;

import io.haetae.engine.version.PackageKey;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.TlpPolicy;
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
  private final OrganisationService organisations;
  private final Deadlines deadlines;
  private final StateChanges changes;

  Analyser(InventoryService inventory, AdvisoryCatalog catalog, FindingRepository findings, ApplicationEventPublisher events,
      OrganisationService organisations, Deadlines deadlines, StateChanges changes) {
    this.deadlines = deadlines;
    this.changes = changes;
    this.inventory = inventory;
    this.catalog = catalog;
    this.findings = findings;
    this.events = events;
    this.organisations = organisations;
  }

  /**
   * The advisories an organisation may be told about (TLP audience): a finding names its advisory,
   * and its alert mail quotes it, so an organisation outside the audience gets neither.
   */
  private List<StoredAdvisory> audienceOf(UUID orgId, List<StoredAdvisory> advisories) {
    if (advisories.stream().allMatch(Analyser::isPublic)) return advisories;
    Organisation org = organisations.find(orgId).orElse(null);
    return advisories.stream().filter(a -> org != null && TlpPolicy.admits(a.marking(), org)).toList();
  }

  private static boolean isPublic(StoredAdvisory a) {
    return a.marking().tlp() == Tlp.CLEAR || a.marking().tlp() == Tlp.GREEN;
  }

  /** A batch with restricted advisories: each organisation's components against its own audience's share. */
  private List<Finding> perOrganisation(List<StoredComponent> candidates, List<StoredAdvisory> changed, UUID analysisId) {
    var byOrg = new LinkedHashMap<UUID, List<StoredComponent>>();
    candidates.forEach(c -> byOrg.computeIfAbsent(c.orgId(), k -> new java.util.ArrayList<>()).add(c));
    var all = new java.util.ArrayList<Finding>();
    byOrg.forEach((org, components) -> all.addAll(Analysis.findings(components, audienceOf(org, changed), analysisId)));
    return all;
  }

  @ApplicationModuleListener
  void on(SbomImported event) {
    long start = System.nanoTime();
    List<StoredComponent> components = inventory.components(event.projectId());
    var installed = Analysis.installed(components);
    Set<PackageKey> keys = new LinkedHashSet<>();
    for (var i : installed) keys.add(i.pkg().key());
    List<StoredAdvisory> advisories = audienceOf(event.orgId(), catalog.forMatching(keys));
    List<Finding> current = deadlines.dated(Analysis.findings(installed, advisories, event.token()));
    // Fixing what is missing first reads only what earlier SBOMs opened (nothing for a new
    // project), not the findings just inserted; both steps leave the same rows either way.
    var fixed = findings.fixMissing(event.projectId(), current);
    var inserted = findings.insertNew(current);
    List<Finding> opened = inserted.opened();
    changes.announce(inserted.reopened(), FindingState.NEW, StateChanges.SYSTEM, "the vulnerable version is back in the SBOM");
    changes.announce(fixed, FindingState.FIXED, StateChanges.SYSTEM, "a later SBOM no longer has the vulnerable version");
    int resolved = fixed.size();
    int open = findings.countOpenOfProject(event.projectId());
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
    // Most import batches name no package anyone runs: asking the package index first spares
    // parsing and indexing every changed record's JSON (issue 5, the import's own CPU).
    var named = catalog.packagesChangedIn(event.analysisId());
    List<StoredComponent> candidates = named.isEmpty() ? List.of() : inventory.componentsOf(named);
    if (candidates.isEmpty()) {
      log.atDebug().addKeyValue("analysis", event.analysisId()).addKeyValue("packages", named.size())
          .log("advisories name no inventory package");
      return;
    }
    // The candidates are the components of every package the batch names; matching keeps those
    // an advisory still in force names (a withdrawn one names none).
    List<StoredAdvisory> changed = catalog.changedIn(event.analysisId()).stream()
        .filter(s -> !s.advisory().isWithdrawn()).map(StoredAdvisory::rated).toList();
    var inserted = findings.insertNew(deadlines.dated(changed.stream().allMatch(Analyser::isPublic)
        ? Analysis.findings(candidates, changed, event.analysisId())
        : perOrganisation(candidates, changed, event.analysisId())));
    List<Finding> opened = inserted.opened();
    changes.announce(inserted.reopened(), FindingState.NEW, StateChanges.SYSTEM, "the vulnerable version is back");
    announce(event.analysisId(), opened);
    log.atInfo().addKeyValue("advisories", changed.size()).addKeyValue("candidates", candidates.size())
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
