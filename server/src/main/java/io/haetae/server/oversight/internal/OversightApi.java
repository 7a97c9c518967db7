package io.haetae.server.oversight.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.oversight.internal.Durations.Spread;
import io.haetae.server.oversight.internal.Rooms.Figures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rooms' figures as JSON (docs/oversight.md). */
@RestController
class OversightApi {

  private final Situation situation;
  private final ProjectionKeeper keeper;
  private final AuditLog audit;

  OversightApi(Situation situation, ProjectionKeeper keeper, AuditLog audit) {
    this.situation = situation;
    this.keeper = keeper;
    this.audit = audit;
  }

  /** One room's figures: {@code sector} one of the caller's sectors (404 otherwise), the period in days. */
  record SummaryJson(LocalDate from, LocalDate to, long organisations, Map<String, Long> openBySeverity, long kevOpen,
      long overdue, long notAcknowledged, Double slaCompliance, Spread timeToNotify, Spread timeToAcknowledge,
      Spread timeToFix, List<SectorJson> bySector) {}

  record SectorJson(String sector, long organisations, Map<String, Long> openBySeverity, long kevOpen, long overdue,
      long notAcknowledged, Double slaCompliance, Spread timeToNotify, Spread timeToAcknowledge, Spread timeToFix) {

    static SectorJson of(String sector, Figures f) {
      return new SectorJson(sector, f.organisations(), f.openBySeverity(), f.kevOpen(), f.overdue(), f.notAcknowledged(),
          f.slaCompliance(), f.timeToNotify(), f.timeToAcknowledge(), f.timeToFix());
    }
  }

  @GetMapping("/api/v1/oversight/summary")
  SummaryJson summary(Caller caller, @RequestParam(required = false) String sector,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    var s = situation.summary(Situation.scope(caller, sector), Period.parse(from, to));
    var t = s.total();
    return new SummaryJson(s.from(), s.to(), t.organisations(), t.openBySeverity(), t.kevOpen(), t.overdue(),
        t.notAcknowledged(), t.slaCompliance(), t.timeToNotify(), t.timeToAcknowledge(), t.timeToFix(),
        s.bySector().entrySet().stream().map(e -> SectorJson.of(e.getKey(), e.getValue())).toList());
  }

  record ExposureJson(String id, List<String> ids, long organisations, long open, List<AffectedJson> affected) {}

  record AffectedJson(UUID organisation, String organisationName, String sector, String ciso, UUID project,
      String projectName, String component, String installedVersion, String fixedVersion, String advisoryId,
      String severity, String state, boolean fixed, String alert, Instant notifiedAt, Instant acknowledgedAt,
      Instant fixedAt) {}

  @GetMapping("/api/v1/oversight/exposure/{vulnerability}")
  ExposureJson exposure(Caller caller, @PathVariable String vulnerability) {
    var scope = Scope.of(caller);
    var rows = situation.exposure(scope, vulnerability);
    var affected = rows.stream().map(e -> new AffectedJson(e.orgId(), e.organisation(), e.sector(), e.ciso(), e.projectId(),
        e.project(), e.component(), e.installedVersion(), e.fixedVersion(), e.advisoryId(), e.severity(), e.state(),
        "FIXED".equals(e.state()), e.alert(), e.notifiedAt(), e.acknowledgedAt(), e.fixedAt())).toList();
    return new ExposureJson(vulnerability, List.copyOf(situation.idsOf(vulnerability)),
        rows.stream().map(Rooms.Exposure::orgId).distinct().count(),
        rows.stream().filter(e -> Projection.isOpen(e.state())).count(), affected);
  }

  /** Recomputes the projection from the findings, inventory and identity APIs (national operator only). */
  @PostMapping("/api/v1/oversight/rebuild")
  ResponseEntity<Void> rebuild(Caller caller) {
    caller.require(Capability.ADMINISTER);
    audit.record(caller, "oversight.rebuild", caller.orgId(), "projection rebuilt");
    keeper.rebuild();
    return ResponseEntity.noContent().build();
  }
}
