package io.haetae.server.oversight.internal;

import io.haetae.server.alert.AlertAcknowledged;
import io.haetae.server.alert.AlertEscalated;
import io.haetae.server.alert.AlertSent;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingService;
import io.haetae.server.findings.FindingStateChanged;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.ProjectDeleted;
import io.haetae.server.inventory.SbomImported;
import io.haetae.server.knowledge.AdvisoryCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the oversight projection (docs/oversight.md) from the other modules' events, and
 * rebuilds it from their APIs. Every listener is idempotent: it writes keyed rows and then
 * recomputes the organisation's figures from them ({@link Projection#refresh}).
 */
@Component
class ProjectionKeeper {

  private static final Logger log = LoggerFactory.getLogger(ProjectionKeeper.class);
  private static final int PAGE = 1000;

  private final Projection projection;
  private final FindingService findings;
  private final InventoryService inventory;
  private final OrganisationService organisations;
  private final AdvisoryCatalog catalog;
  private final TransactionTemplate tx;
  private final AtomicReference<LocalDate> lastRollover = new AtomicReference<>();

  ProjectionKeeper(Projection projection, FindingService findings, InventoryService inventory,
      OrganisationService organisations, AdvisoryCatalog catalog, TransactionTemplate tx) {
    this.projection = projection;
    this.findings = findings;
    this.inventory = inventory;
    this.organisations = organisations;
    this.catalog = catalog;
    this.tx = tx;
  }

  /** Organisations the rooms count: the supervised ones, not the CERT, ministries or ISACs. */
  static boolean supervised(Organisation o) {
    return !o.operator() && o.sizeClass() != SizeClass.MINISTRY && o.sizeClass() != SizeClass.ISAC;
  }

  @ApplicationModuleListener
  void on(FindingsOpened e) {
    lock(e.orgId());
    store(findings.openedIn(e.analysisId(), e.orgId()));
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(FindingStateChanged e) {
    lock(e.orgId());
    if (!projection.hasFinding(e.findingId())) store(findings.findAll(List.of(e.findingId())));
    projection.moved(e.findingId(), e.to().name(), e.at());
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(AlertSent e) {
    // The alert may overtake FindingsOpened on the listener pool: store what is not stored yet.
    lock(e.orgId());
    var missing = e.findingIds().stream().filter(id -> !projection.hasFinding(id)).toList();
    if (!missing.isEmpty()) store(findings.findAll(missing));
    projection.notified(e.alertId(), e.orgId(), e.sentAt(), e.findingIds());
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(AlertAcknowledged e) {
    lock(e.orgId());
    projection.acknowledged(e.alertId(), e.orgId(), e.at(), e.actor());
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(AlertEscalated e) {
    lock(e.orgId());
    projection.escalated(e.alertId(), e.orgId(), e.at(), e.escalatedTo());
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(SbomImported e) {
    lock(e.orgId());
    inventory.find(e.projectId()).ifPresent(p -> projection.project(p, e.components()));
    refresh(e.orgId());
  }

  @ApplicationModuleListener
  void on(ProjectDeleted e) {
    lock(e.orgId());
    projection.projectDeleted(e.projectId());
    refresh(e.orgId());
  }

  /** Stores findings with what knowledge says of their advisories: KEV-listed, when published. */
  void store(Collection<Finding> batch) {
    if (batch.isEmpty()) return;
    Set<String> ids = new HashSet<>();
    batch.forEach(f -> ids.addAll(f.ids()));
    Set<String> kev = catalog.exploitation(ids).kev();
    Map<String, Instant> published = new HashMap<>();
    for (Finding f : batch) {
      published.computeIfAbsent(f.advisoryId(), id -> catalog.find(id).map(s -> s.advisory().published()).orElse(null));
    }
    // Always in id order: two transactions storing overlapping findings take their locks alike.
    for (Finding f : batch.stream().sorted(java.util.Comparator.comparing(Finding::id)).toList()) {
      boolean exploited = f.ids().stream().anyMatch(kev::contains);
      projection.upsert(new Projection.FindingFacts(f, exploited, published.get(f.advisoryId())));
    }
  }

  /** The organisation's row lock, first thing in a listener's transaction (see {@link Projection#lock}). */
  private void lock(UUID orgId) {
    organisations.find(orgId).filter(ProjectionKeeper::supervised).ifPresent(projection::lock);
  }

  void refresh(UUID orgId) {
    organisations.find(orgId).filter(ProjectionKeeper::supervised)
        .ifPresent(org -> projection.refresh(org, findings.today()));
  }

  /**
   * Recomputes the projection from the findings, inventory and identity APIs: the finding rows
   * page by page, then every organisation's figures. Alert rows are the alert module's events
   * and are kept (they are not in any API to read back). One transaction per page.
   */
  void rebuild() {
    long started = System.currentTimeMillis();
    tx.executeWithoutResult(s -> {
      projection.clearAggregates();
    });
    int stored = 0;
    UUID after = null;
    while (true) {
      var page = findings.everyAfter(after, PAGE);
      if (page.isEmpty()) break;
      tx.executeWithoutResult(s -> store(page));
      stored += page.size();
      after = page.getLast().id();
    }
    for (var size : inventory.everyProject()) {
      tx.executeWithoutResult(s -> projection.project(size.project(), size.components()));
    }
    int orgs = 0;
    for (Organisation org : organisations.all()) {
      if (!supervised(org)) continue;
      tx.executeWithoutResult(s -> projection.refresh(org, findings.today()));
      orgs++;
    }
    log.atInfo().addKeyValue("findings", stored).addKeyValue("organisations", orgs)
        .addKeyValue("tookMs", System.currentTimeMillis() - started).log("Oversight projection rebuilt");
  }

  /** At start: a projection that is empty while findings exist (an existing database) is built once. */
  @EventListener(ApplicationReadyEvent.class)
  void buildIfEmpty() {
    if (projection.isEmpty() && !findings.everyAfter(null, 1).isEmpty()) rebuild();
    else addMissingOrganisations();
  }

  /**
   * Every few minutes: organisations created since (identity publishes no event) get their row,
   * and on a new day the organisations whose findings fell due are recounted as overdue.
   */
  @Scheduled(initialDelayString = "${haetae.oversight.sweep-delay:PT1M}", fixedDelayString = "${haetae.oversight.sweep:PT5M}")
  // Once in the cluster. lastRollover is per node: a node that sweeps after another already did
  // recounts the same organisations, which refresh() makes idempotent.
  @SchedulerLock(name = "oversight-sweep", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
  void sweep() {
    addMissingOrganisations();
    LocalDate today = findings.today();
    LocalDate last = lastRollover.getAndSet(today);
    if (today.equals(last)) return;
    LocalDate since = last == null ? today.minusDays(1) : last.minusDays(1);
    for (UUID org : projection.newlyOverdue(since, today)) tx.executeWithoutResult(s -> refresh(org));
    for (String sector : projection.sectors()) {
      tx.executeWithoutResult(s -> projection.snapshotSector(sector, LocalDate.now(Projection.ZONE)));
    }
  }

  void addMissingOrganisations() {
    var known = projection.knownOrganisations();
    var missing = new ArrayList<Organisation>();
    for (Organisation o : organisations.all()) if (supervised(o) && !known.contains(o.id())) missing.add(o);
    for (Organisation o : missing) tx.executeWithoutResult(s -> projection.refresh(o, findings.today()));
  }
}
