package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.CaseFile;
import io.haetae.server.disclosure.CaseView;
import io.haetae.server.disclosure.ClusterSummary;
import io.haetae.server.disclosure.Disclosure;
import io.haetae.server.disclosure.IllegalReportMove;
import io.haetae.server.disclosure.Participant;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.ReportSubmission;
import io.haetae.server.disclosure.TimelineEntry;
import io.haetae.server.disclosure.VendorCandidate;
import io.haetae.server.disclosure.VulnerabilityReports;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.NotFoundException;
import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Vulnerability reports and their cases (docs/disclosure.md): submitted by reporters and CISOs,
 * one or a batch; read under the report's TLP or an invitation; triaged by analysts, one report
 * or a whole cluster at once.
 */
@RestController
class ReportApiController {

  private final VulnerabilityReports reports;
  private final Disclosure disclosure;

  ReportApiController(VulnerabilityReports reports, Disclosure disclosure) {
    this.reports = reports;
    this.disclosure = disclosure;
  }

  record TransitionBody(String state, String comment) {}

  record EmbargoBody(String state, String endsAt, String comment) {}

  record InviteBody(String organisation, String role) {}

  record CommentBody(String text) {}

  record FixBody(String version, String url, String patch, String comment) {}

  /** The body is read as a tree so that every refusal names the JSON pointer of the culprit. */
  @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> submit(Caller caller, @RequestBody JsonNode body) {
    Report report = reports.submit(caller, body);
    CaseFile file = disclosure.files(caller, List.of(report)).get(report.id());
    var out = new LinkedHashMap<String, Object>();
    out.put("id", report.id());
    out.put("state", report.state());
    out.put("tlp", report.marking().tlp().label());
    out.put("clusterId", file.clusterId());
    out.put("duplicateOf", file.duplicateOf());
    return ResponseEntity.created(URI.create("/api/v1/reports/" + report.id())).body(out);
  }

  /** A mass disclosure: a JSON array or JSON lines; all stored or none, each answered with its cluster. */
  @PostMapping(path = "/api/v1/reports/batch")
  ResponseEntity<Map<String, Object>> batch(Caller caller, @RequestBody(required = false) byte[] body) {
    var submitted = reports.submitBatch(caller, body == null ? new byte[0] : body);
    var files = submitted.files();
    var rows = submitted.reports().stream().map(r -> {
      CaseFile f = files.get(r.id());
      var row = new LinkedHashMap<String, Object>();
      row.put("id", r.id());
      row.put("clusterId", f.clusterId());
      row.put("duplicateOf", f.duplicateOf());
      row.put("similarity", f.similarity());
      if (f.fabricated() != null && caller.isOperator()) {
        row.put("probablyFabricated", f.fabricated());
      }
      return row;
    }).toList();
    var out = new LinkedHashMap<String, Object>();
    out.put("stored", rows.size());
    out.put("duplicates", files.values().stream().filter(f -> f.duplicateOf() != null).count());
    out.put("clusters", files.values().stream().map(CaseFile::clusterId).distinct().count());
    out.put("reports", rows);
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  @GetMapping("/api/v1/reports")
  List<Map<String, Object>> list(Caller caller) {
    var visible = disclosure.list(caller);
    var files = disclosure.files(caller, visible);
    return visible.stream().map(r -> json(r, files.get(r.id()), disclosure.zone())).toList();
  }

  @GetMapping("/api/v1/reports/{id}")
  Map<String, Object> get(Caller caller, @PathVariable String id) {
    CaseView view = disclosure.view(caller, uuid(id, "report"));
    var out = json(view.report(), view.file(), disclosure.zone());
    out.put("participants", view.participants().stream().map(ReportApiController::json).toList());
    if (view.mayTriage()) out.put("allowedMoves", view.allowedMoves().stream().sorted().toList());
    return out;
  }

  @GetMapping("/api/v1/reports/{id}/timeline")
  List<Map<String, Object>> timeline(Caller caller, @PathVariable String id) {
    return disclosure.timeline(caller, uuid(id, "report")).stream().map(ReportApiController::json).toList();
  }

  @PostMapping(path = "/api/v1/reports/{id}/transition", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> transition(Caller caller, @PathVariable String id, @RequestBody TransitionBody body) {
    Report r = disclosure.transition(caller, uuid(id, "report"), body.state(), body.comment());
    return json(r, disclosure.files(caller, List.of(r)).get(r.id()), disclosure.zone());
  }

  @PostMapping(path = "/api/v1/reports/{id}/embargo", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> embargo(Caller caller, @PathVariable String id, @RequestBody EmbargoBody body) {
    return embargoJson(disclosure.embargo(caller, uuid(id, "report"), body.state(), body.endsAt(), body.comment()), disclosure.zone());
  }

  @PostMapping(path = "/api/v1/reports/{id}/participants", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> invite(Caller caller, @PathVariable String id, @RequestBody InviteBody body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(json(disclosure.invite(caller, uuid(id, "report"), body.organisation(), body.role())));
  }

  @GetMapping("/api/v1/reports/{id}/vendors")
  List<VendorCandidate> vendors(Caller caller, @PathVariable String id) {
    return disclosure.vendors(caller, uuid(id, "report"));
  }

  @PostMapping(path = "/api/v1/reports/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> comment(Caller caller, @PathVariable String id, @RequestBody CommentBody body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(json(disclosure.comment(caller, uuid(id, "report"), body.text())));
  }

  @PostMapping(path = "/api/v1/reports/{id}/fixes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> fix(Caller caller, @PathVariable String id, @RequestBody FixBody body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(json(disclosure.attachFix(caller, uuid(id, "report"), body.version(), body.url(),
        body.patch(), body.comment())));
  }

  @GetMapping("/api/v1/clusters")
  List<Map<String, Object>> clusters(Caller caller) {
    return disclosure.clusters(caller).stream().map(ReportApiController::json).toList();
  }

  @GetMapping("/api/v1/clusters/{id}")
  Map<String, Object> cluster(Caller caller, @PathVariable String id) {
    var cluster = disclosure.cluster(caller, uuid(id, "cluster"));
    var out = json(cluster.getKey());
    var files = disclosure.files(caller, cluster.getValue());
    out.put("reports", cluster.getValue().stream().map(r -> json(r, files.get(r.id()), disclosure.zone())).toList());
    return out;
  }

  @PostMapping(path = "/api/v1/clusters/{id}/transition", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> transitionCluster(Caller caller, @PathVariable String id, @RequestBody TransitionBody body) {
    var moved = disclosure.transitionCluster(caller, uuid(id, "cluster"), body.state(), body.comment());
    var out = new LinkedHashMap<String, Object>();
    out.put("clusterId", id);
    out.put("reports", moved.stream().map(r -> Map.of("id", r.id(), "state", r.state())).toList());
    return out;
  }

  @ExceptionHandler(IllegalReportMove.class)
  ProblemDetail conflict(IllegalReportMove e) {
    return conflictOf(e);
  }

  /** A refused move (or publication): 409 with each reason. */
  static ProblemDetail conflictOf(IllegalReportMove e) {
    var p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Conflict");
    p.setProperty("refusals", e.reasons());
    return p;
  }

  /** A malformed id is as unknown as a missing one. */
  static UUID uuid(String id, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(what);
    }
  }

  static Map<String, Object> json(Report r, CaseFile file, ZoneId zone) {
    ReportSubmission s = r.submission();
    var pkg = new LinkedHashMap<String, Object>();
    if (s.purl() != null) pkg.put("purl", s.purl());
    pkg.put("ecosystem", s.ecosystem());
    pkg.put("name", s.packageName());
    if (s.vendor() != null) pkg.put("vendor", s.vendor());
    var out = new LinkedHashMap<String, Object>();
    out.put("id", r.id());
    out.put("title", s.title());
    out.put("description", s.description());
    out.put("package", pkg);
    out.put("affectedVersions", s.affectedVersions());
    out.put("fixedVersion", s.fixedVersion());
    out.put("cvssVector", s.cvssVector());
    out.put("cwe", s.cwe());
    out.put("references", s.references());
    out.put("tlp", r.marking().tlp().label());
    out.put("organisation", r.marking().origin());
    out.put("submitter", r.submitter());
    out.put("submittedAt", r.submittedAt().toString());
    out.put("state", r.state());
    out.put("clusterId", file.clusterId());
    out.put("duplicateOf", file.duplicateOf());
    out.put("similarity", file.similarity());
    out.put("embargo", embargoJson(file, zone));
    if (file.fabricated() != null) out.put("probablyFabricated", file.fabricated());
    return out;
  }

  static Map<String, Object> embargoJson(CaseFile file, ZoneId zone) {
    var out = new LinkedHashMap<String, Object>();
    out.put("state", file.embargo());
    out.put("endsAt", file.embargoEndsAt() == null ? null : file.embargoEndsAt().atZone(zone).toOffsetDateTime().toString());
    out.put("timeZone", zone.getId());
    return out;
  }

  static Map<String, Object> json(Participant p) {
    var out = new LinkedHashMap<String, Object>();
    out.put("organisation", p.orgId());
    out.put("name", p.orgName());
    out.put("role", p.kind());
    out.put("invitedBy", p.invitedBy());
    out.put("invitedAt", p.invitedAt().toString());
    out.put("tlp", "TLP:AMBER+STRICT");
    return out;
  }

  static Map<String, Object> json(TimelineEntry e) {
    var out = new LinkedHashMap<String, Object>();
    out.put("at", e.at().toString());
    out.put("actor", e.actor());
    out.put("organisation", e.actorOrg());
    out.put("kind", e.kind());
    if (e.from() != null) out.put("from", e.from());
    if (e.to() != null) out.put("to", e.to());
    if (e.text() != null) out.put("text", e.text());
    if (e.detail() != null) out.put("detail", e.detail());
    return out;
  }

  static Map<String, Object> json(ClusterSummary c) {
    var out = new LinkedHashMap<String, Object>();
    out.put("clusterId", c.clusterId());
    out.put("title", c.title());
    out.put("package", Map.of("ecosystem", String.valueOf(c.ecosystem()), "name", c.packageName()));
    out.put("cwe", c.cwe());
    out.put("size", c.size());
    out.put("open", c.open());
    out.put("states", c.states());
    out.put("probablyFabricated", c.fabricated());
    out.put("firstSubmittedAt", c.firstSubmittedAt().toString());
    var ssvc = new LinkedHashMap<String, Object>();
    ssvc.put("exploitation", c.ssvc().exploitation());
    ssvc.put("automatable", c.ssvc().automatable() ? "yes" : "no");
    ssvc.put("technicalImpact", c.ssvc().totalImpact() ? "total" : "partial");
    ssvc.put("holders", c.ssvc().holders());
    ssvc.put("priority", c.ssvc().priority());
    ssvc.put("why", c.ssvc().why());
    out.put("ssvc", ssvc);
    return out;
  }
}
