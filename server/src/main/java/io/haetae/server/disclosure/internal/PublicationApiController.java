package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.internal.AdvisoryPublisher.CsafRejected;
import io.haetae.server.disclosure.internal.PublicationRepository.Published;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.NotFoundException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
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
 * Publishing an accepted report (docs/disclosure.md "Publishing"): {@code POST
 * /api/v1/reports/{id}/publish} with an optional body {@code {"cve", "tlp", "affectedVersions",
 * "fixedVersion"}}; the advisory published from a report; its CVE JSON 5 record for a CNA.
 */
@RestController
class PublicationApiController {

  private final AdvisoryPublisher publisher;
  private final String baseUrl;

  PublicationApiController(AdvisoryPublisher publisher, @Value("${haetae.base-url}") String baseUrl) {
    this.publisher = publisher;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @PostMapping(path = "/api/v1/reports/{id}/publish")
  ResponseEntity<Map<String, Object>> publish(Caller caller, @PathVariable String id,
      @RequestBody(required = false) AdvisoryPublisher.Request body) {
    Published p = publisher.publish(caller, ReportApiController.uuid(id, "report"), body);
    return ResponseEntity.created(URI.create(csafUrl(p))).body(json(p));
  }

  @GetMapping("/api/v1/reports/{id}/advisory")
  Map<String, Object> advisory(Caller caller, @PathVariable String id) {
    return json(publisher.of(caller, ReportApiController.uuid(id, "report"))
        .orElseThrow(() -> new NotFoundException("published advisory")));
  }

  @GetMapping(path = "/api/v1/reports/{id}/cve.json", produces = MediaType.APPLICATION_JSON_VALUE)
  JsonNode cve(Caller caller, @PathVariable String id) {
    return publisher.cveRecord(caller, ReportApiController.uuid(id, "report"));
  }

  @ExceptionHandler(io.haetae.server.disclosure.IllegalReportMove.class)
  ProblemDetail conflict(io.haetae.server.disclosure.IllegalReportMove e) {
    return ReportApiController.conflictOf(e);
  }

  @ExceptionHandler(CsafRejected.class)
  ProblemDetail rejected(CsafRejected e) {
    var p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    p.setTitle("CSAF document not valid");
    p.setProperty("problems", e.problems.stream().map(x -> Map.of("test", x.test(), "path", x.path(), "message", x.message())).toList());
    return p;
  }

  private Map<String, Object> json(Published p) {
    var out = new LinkedHashMap<String, Object>();
    out.put("id", p.id());
    out.put("reportId", p.reportId());
    out.put("tlp", p.marking().tlp().label());
    out.put("publishedAt", p.publishedAt().toString());
    out.put("publishedBy", p.publishedBy());
    out.put("osv", baseUrl + "/v1/vulns/" + p.id());
    out.put("csaf", csafUrl(p));
    out.put("sha256", p.sha256());
    return out;
  }

  private String csafUrl(Published p) {
    return baseUrl + CsafProviderController.ROOT + "/" + CsafProviderController.folder(p.marking().tlp()) + "/" + p.year() + "/" + p.fileName();
  }
}
