package io.haetae.server.incident.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Tlp;
import io.haetae.server.incident.internal.IncidentRecords.Case;
import io.haetae.server.incident.internal.IncidentRecords.CaseView;
import io.haetae.server.incident.internal.IncidentRecords.Category;
import io.haetae.server.incident.internal.IncidentRecords.Custody;
import io.haetae.server.incident.internal.IncidentRecords.Evidence;
import io.haetae.server.incident.internal.IncidentRecords.Kind;
import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Severity;
import io.haetae.server.incident.internal.IncidentRecords.Task;
import io.haetae.server.web.BadInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/incidents}: open a case, read it, and add to it: tasks, timeline entries,
 * decisions (append-only: there is no route that changes one), evidence files, links, reports
 * submitted; notify the holders of the affected product (docs/incidents.md).
 */
@RestController
class IncidentApi {

  private final Incidents incidents;

  IncidentApi(Incidents incidents) {
    this.incidents = incidents;
  }

  record CaseBody(String organisation, String title, String kind, String service, String servicePurl, String description,
      String severity, String tlp, String incidentClass, String awareAt, String timeZone) {}

  record TaskBody(String title, String owner, String dueAt) {}

  record EventBody(String occurredAt, String timeZone, String category, String source, String text) {}

  record TextBody(String text) {}

  record LinkBody(String advisory, String finding) {}

  record ReportBody(String report) {}

  record NotifyBody(String message) {}

  record ClockJson(String report, String due, String zone, Instant submittedAt, String state, long remainingSeconds) {}

  record CustodyJson(String action, String actor, String address, Instant at) {}

  record EvidenceJson(UUID id, String name, String contentType, long size, String sha256, Instant addedAt, String addedBy,
      List<CustodyJson> custody) {}

  record SummaryJson(UUID id, String title, UUID organisation, String organisationName, String kind, String service,
      String severity, String tlp, String incidentClass, Instant awareAt, Instant openedAt) {}

  record CaseJson(UUID id, String title, UUID organisation, String organisationName, String kind, String service,
      String servicePurl, String description, String severity, String tlp, String incidentClass, Instant awareAt,
      String timeZone, Instant openedAt, String openedBy, List<Map<String, Object>> members, List<Task> tasks,
      List<Map<String, Object>> timeline, List<IncidentRecords.Decision> decisions, List<EvidenceJson> evidence,
      List<IncidentRecords.Link> links, List<ClockJson> clocks) {}

  @PostMapping("/api/v1/incidents")
  ResponseEntity<CaseJson> open(Caller caller, @RequestBody(required = false) CaseBody body) {
    if (body == null) throw new BadInputException("request body is missing");
    ZoneId zone = zone(body.timeZone(), "timeZone", Incidents.DEFAULT_ZONE);
    UUID org = null;
    if (body.organisation() != null && !body.organisation().isBlank()) org = uuid(body.organisation(), "organisation");
    Case c = incidents.open(caller, new Incidents.NewCase(org, body.title(),
        body.kind() == null ? null : Kind.parse(body.kind(), "kind"), body.service(), body.servicePurl(), body.description(),
        body.severity() == null ? null : Severity.parse(body.severity(), "severity"), tlp(body.tlp()),
        body.incidentClass() == null ? null : IncidentClass.parse(body.incidentClass(), "incidentClass"),
        time(body.awareAt(), "awareAt", zone), zone));
    return ResponseEntity.created(URI.create("/api/v1/incidents/" + c.id())).body(json(incidents.view(caller, c.id())));
  }

  @GetMapping("/api/v1/incidents")
  List<SummaryJson> list(Caller caller) {
    return incidents.visible(caller).stream().map(c -> new SummaryJson(c.id(), c.title(), c.orgId(), c.orgName(), c.kind().name(),
        c.service(), c.severity().name(), c.tlp().label(), c.incidentClass().rsit(), c.awareAt(), c.openedAt())).toList();
  }

  @GetMapping("/api/v1/incidents/{id}")
  CaseJson one(Caller caller, @PathVariable UUID id) {
    return json(incidents.view(caller, id));
  }

  @PostMapping("/api/v1/incidents/{id}/tasks")
  ResponseEntity<Task> task(Caller caller, @PathVariable UUID id, @RequestBody(required = false) TaskBody body) {
    incidents.requireWriter(caller, id);
    if (body == null) throw new BadInputException("request body is missing: {\"title\", \"owner\", \"dueAt\"}");
    ZoneId zone = incidents.view(caller, id).incident().zone();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(incidents.addTask(caller, id, body.title(), body.owner(), time(body.dueAt(), "dueAt", zone)));
  }

  @PostMapping("/api/v1/incidents/{id}/tasks/{task}/done")
  ResponseEntity<Void> done(Caller caller, @PathVariable UUID id, @PathVariable UUID task) {
    incidents.taskDone(caller, id, task);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/v1/incidents/{id}/events")
  ResponseEntity<Map<String, Object>> event(Caller caller, @PathVariable UUID id, @RequestBody(required = false) EventBody body) {
    incidents.requireWriter(caller, id);
    if (body == null) throw new BadInputException("request body is missing: {\"occurredAt\", \"category\", \"source\", \"text\"}");
    ZoneId zone = zone(body.timeZone(), "timeZone", incidents.view(caller, id).incident().zone());
    var entry = incidents.addEvent(caller, id, time(body.occurredAt(), "occurredAt", zone), zone,
        body.category() == null ? null : Category.parse(body.category(), "category"), body.source(), body.text());
    return ResponseEntity.status(HttpStatus.CREATED).body(json(entry));
  }

  @PostMapping("/api/v1/incidents/{id}/decisions")
  ResponseEntity<IncidentRecords.Decision> decide(Caller caller, @PathVariable UUID id, @RequestBody(required = false) TextBody body) {
    incidents.requireWriter(caller, id);
    if (body == null) throw new BadInputException("request body is missing: {\"text\": \"...\"}");
    return ResponseEntity.status(HttpStatus.CREATED).body(incidents.decide(caller, id, body.text()));
  }

  @PostMapping("/api/v1/incidents/{id}/evidence")
  ResponseEntity<EvidenceJson> evidence(Caller caller, @PathVariable UUID id, @RequestParam(required = false) MultipartFile file)
      throws IOException {
    incidents.requireWriter(caller, id);
    if (file == null) throw new BadInputException("'file' is missing (multipart/form-data)");
    Evidence e = incidents.addEvidence(caller, id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    return ResponseEntity.status(HttpStatus.CREATED).body(json(e));
  }

  @GetMapping({"/api/v1/incidents/{id}/evidence/{evidence}", "/incidents/{id}/evidence/{evidence}"})
  ResponseEntity<byte[]> download(Caller caller, @PathVariable UUID id, @PathVariable UUID evidence) {
    var d = incidents.download(caller, id, evidence);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.meta().contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.meta().name(), StandardCharsets.UTF_8)
            .build().toString())
        .header("X-Content-Type-Options", "nosniff").header("Digest", "sha-256=" + d.meta().sha256())
        .body(d.content());
  }

  @PostMapping("/api/v1/incidents/{id}/links")
  CaseJson link(Caller caller, @PathVariable UUID id, @RequestBody(required = false) LinkBody body) {
    incidents.requireWriter(caller, id);
    if (body == null) throw new BadInputException("request body is missing: {\"advisory\": \"...\"} or {\"finding\": \"...\"}");
    incidents.link(caller, id, body.advisory(), body.finding());
    return json(incidents.view(caller, id));
  }

  @PostMapping("/api/v1/incidents/{id}/reports")
  CaseJson report(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ReportBody body) {
    incidents.requireWriter(caller, id);
    if (body == null || body.report() == null) throw new BadInputException("'report' is missing: one of " + List.of(Report.values()));
    incidents.submitted(caller, id, Report.parse(body.report(), "report"));
    return json(incidents.view(caller, id));
  }

  @PostMapping("/api/v1/incidents/{id}/notify")
  Map<String, Object> notifyHolders(Caller caller, @PathVariable UUID id, @RequestBody(required = false) NotifyBody body) {
    return Map.of("notified", incidents.notifyHolders(caller, id, body == null ? null : body.message()));
  }

  @ExceptionHandler(Incidents.EvidenceTooLarge.class)
  ProblemDetail tooLarge(Incidents.EvidenceTooLarge e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    p.setTitle(HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase());
    return p;
  }

  static CaseJson json(CaseView v) {
    Case c = v.incident();
    var members = v.members().stream().map(m -> Map.<String, Object>of("name", m.name(), "email", m.email(),
        "summoned", m.mailedAt() != null, "joined", m.joined(), "joinedAt", m.joinedAt() == null ? "" : m.joinedAt().toString()))
        .toList();
    var clocks = v.clocks().stream().map(k -> new ClockJson(k.report().name(), k.due().toOffsetDateTime().toString(),
        k.due().getZone().getId(), k.submittedAt(), k.state().name(), k.remaining().toSeconds())).toList();
    return new CaseJson(c.id(), c.title(), c.orgId(), c.orgName(), c.kind().name(), c.service(), c.servicePurl(), c.description(),
        c.severity().name(), c.tlp().label(), c.incidentClass().rsit(), c.awareAt(), c.zone().getId(), c.openedAt(), c.openedBy(),
        members, v.tasks(), v.timeline().stream().map(IncidentApi::json).toList(), v.decisions(),
        v.evidence().stream().map(IncidentApi::json).toList(), v.links(), clocks);
  }

  static Map<String, Object> json(IncidentRecords.TimelineEntry e) {
    return Map.of("id", e.id(), "occurredAt", e.occurredAt().atZone(e.zone()).toOffsetDateTime().toString(),
        "timeZone", e.zone().getId(), "category", e.category().name(), "source", e.source(), "text", e.text(),
        "recordedAt", e.recordedAt(), "recordedBy", e.recordedBy());
  }

  static EvidenceJson json(Evidence e) {
    return new EvidenceJson(e.id(), e.name(), e.contentType(), e.size(), e.sha256(), e.addedAt(), e.addedBy(),
        e.custody().stream().map((Custody k) -> new CustodyJson(k.action(), k.actor(), k.address(), k.at())).toList());
  }

  static Tlp tlp(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Tlp.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  static ZoneId zone(String value, String field, ZoneId fallback) {
    if (value == null || value.isBlank()) return fallback;
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      throw new BadInputException("'" + field + "' must be an IANA time zone such as Asia/Seoul, not '" + value + "'");
    }
  }

  /** An ISO date-time with offset (2026-12-24T09:30+09:00, ...Z) or without one, then read in {@code zone}. */
  static Instant time(String value, String field, ZoneId zone) {
    if (value == null || value.isBlank()) return null;
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).atZone(zone).toInstant();
      } catch (DateTimeParseException again) {
        throw new BadInputException("'" + field + "' must be an ISO date-time such as 2026-12-24T09:30+09:00, not '" + value + "'");
      }
    }
  }

  static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'" + field + "' must be an organisation uuid, not '" + value + "'");
    }
  }
}
