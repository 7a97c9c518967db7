package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditEntry;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.BadInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit log for operators: a page, {@code GET /api/v1/audit} as JSON, and CSV exports of
 * either. Filters: {@code action}, {@code since} (ISO-8601 instant), {@code limit} (default 500,
 * at most 10,000). Reading the log is not itself audited, but exporting it is. Entries name their
 * organisation ({@code organisation}) and keep its id ({@code organisationId}, CSV
 * {@code organisation_id}); the page shows local times (Asia/Seoul), the exports ISO-8601 UTC.
 */
@Controller
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  String page(Caller caller, @RequestParam(required = false) String action, @RequestParam(required = false) String since,
      Model model) {
    model.addAttribute("entries", audit.read(caller, blank(action), instant(since), 500));
    model.addAttribute("action", action);
    return "identity/audit";
  }

  @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  List<Map<String, Object>> json(Caller caller, @RequestParam(required = false) String action,
      @RequestParam(required = false) String since, @RequestParam(defaultValue = "500") int limit) {
    return audit.read(caller, blank(action), instant(since), limit).stream().map(AuditController::json).toList();
  }

  @GetMapping({"/audit.csv", "/api/v1/audit.csv"})
  ResponseEntity<String> csv(Caller caller, @RequestParam(required = false) String action,
      @RequestParam(required = false) String since, @RequestParam(defaultValue = "10000") int limit) {
    List<AuditEntry> entries = audit.read(caller, blank(action), instant(since), limit);
    audit.record(caller, "audit.export", null, entries.size() + " entries");
    var csv = new StringBuilder("at,actor,organisation,organisation_id,action,target,from\r\n");
    for (AuditEntry e : entries) {
      csv.append(String.join(",", cell(e.at().toString()), cell(e.actor()), cell(e.organisationName()),
          cell(e.organisation() == null ? null : e.organisation().toString()), cell(e.action()), cell(e.target()),
          cell(e.from()))).append("\r\n");
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"haetae-audit.csv\"").body(csv.toString());
  }

  static Map<String, Object> json(AuditEntry e) {
    var m = new LinkedHashMap<String, Object>();
    m.put("at", e.at().toString());
    m.put("actor", e.actor());
    m.put("organisation", e.organisationName());
    m.put("organisationId", e.organisation() == null ? null : e.organisation().toString());
    m.put("action", e.action());
    m.put("target", e.target());
    m.put("from", e.from());
    return m;
  }

  /**
   * RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that a spreadsheet opening
   * the export does not run an actor's chosen "name" as a formula (CSV injection).
   */
  static String cell(String value) {
    if (value == null) return "";
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static Instant instant(String since) {
    if (since == null || since.isBlank()) return null;
    try {
      return Instant.parse(since.strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("'since' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
