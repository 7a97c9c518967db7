package io.haetae.server.knowledge.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.knowledge.Report;
import io.haetae.server.knowledge.ReportSubmission;
import io.haetae.server.knowledge.VulnerabilityReports;
import io.haetae.server.web.NotFoundException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Vulnerability reports: submitted by reporters and CISOs, read under the report's TLP marking. */
@RestController
class ReportApiController {

  private final VulnerabilityReports reports;

  ReportApiController(VulnerabilityReports reports) {
    this.reports = reports;
  }

  /** The body is read as a tree so that every refusal names the JSON pointer of the culprit. */
  @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> submit(Caller caller, @RequestBody JsonNode body) {
    Report report = reports.submit(caller, body);
    return ResponseEntity.created(URI.create("/api/v1/reports/" + report.id()))
        .body(Map.of("id", report.id(), "state", report.state(), "tlp", report.marking().tlp().label()));
  }

  @GetMapping("/api/v1/reports")
  List<Map<String, Object>> list(Caller caller) {
    return reports.list(caller).stream().map(ReportApiController::json).toList();
  }

  @GetMapping("/api/v1/reports/{id}")
  Map<String, Object> get(Caller caller, @PathVariable String id) {
    return json(reports.get(caller, uuid(id)));
  }

  /** A malformed id is as unknown as a missing one. */
  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("report");
    }
  }

  private static Map<String, Object> json(Report r) {
    ReportSubmission s = r.submission();
    var pkg = new LinkedHashMap<String, Object>();
    if (s.purl() != null) pkg.put("purl", s.purl());
    pkg.put("ecosystem", s.ecosystem());
    pkg.put("name", s.packageName());
    var out = new LinkedHashMap<String, Object>();
    out.put("id", r.id());
    out.put("title", s.title());
    out.put("description", s.description());
    out.put("package", pkg);
    out.put("affectedVersions", s.affectedVersions());
    out.put("fixedVersion", s.fixedVersion());
    out.put("cvssVector", s.cvssVector());
    out.put("references", s.references());
    out.put("tlp", r.marking().tlp().label());
    out.put("organisation", r.marking().origin());
    out.put("submitter", r.submitter());
    out.put("submittedAt", r.submittedAt().toString());
    out.put("state", r.state());
    return out;
  }
}
