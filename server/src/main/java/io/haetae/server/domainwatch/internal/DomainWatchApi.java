package io.haetae.server.domainwatch.internal;

import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.domainwatch.ObservedSummary;
import io.haetae.server.domainwatch.StoredMatch;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/domains}: protected names, observed domains, matches, the blocklist. */
@RestController
@RequestMapping("/api/v1/domains")
class DomainWatchApi {

  private final DomainWatch watch;

  DomainWatchApi(DomainWatch watch) {
    this.watch = watch;
  }

  record ProtectedJson(List<String> domains, List<String> brands) {}

  record VerdictJson(String verdict) {}

  record MatchJson(UUID id, UUID organisation, String organisationName, String sector, String domain, String ascii,
      String protectedName, String technique, int score, List<String> reasons, Instant firstSeen, Instant foundAt,
      String verdict, Instant decidedAt, String decidedBy) {}

  @GetMapping("/protected")
  ProtectedJson protectedNames(Caller caller) {
    var p = watch.protectedNames(caller);
    return new ProtectedJson(p.domains(), p.brands());
  }

  @PostMapping("/protected")
  ProtectedJson setProtected(Caller caller, @RequestBody(required = false) ProtectedJson body) {
    if (body == null) throw new BadInputException("request body is missing: {\"domains\": [...], \"brands\": [...]}");
    var p = watch.setProtected(caller, body.domains(), body.brands());
    return new ProtectedJson(p.domains(), p.brands());
  }

  /** A list (domain or domain,first_seen per line), its gzip, or RFC 6962 get-entries JSON, as the body. */
  @PostMapping("/observed")
  ObservedSummary observed(Caller caller, InputStream body, @RequestParam(defaultValue = "upload") String filename)
      throws IOException {
    return watch.observe(caller, body, filename);
  }

  @GetMapping("/matches")
  List<MatchJson> matches(Caller caller, @RequestParam(required = false) UUID organisation,
      @RequestParam(required = false) String sector, @RequestParam(required = false) String technique,
      @RequestParam(required = false) String verdict, @RequestParam(defaultValue = "500") int limit) {
    return watch.matches(caller, organisation, sector, technique, verdict, limit).stream().map(DomainWatchApi::json).toList();
  }

  @PostMapping("/matches/{id}/verdict")
  MatchJson decide(Caller caller, @PathVariable UUID id, @RequestBody(required = false) VerdictJson body) {
    // The match's owner is checked before the body: another organisation learns nothing, not even "bad request".
    return json(watch.decide(caller, id, body == null ? null : body.verdict()));
  }

  /** Confirmed-malicious domains: {@code format} csv (default), rpz or stix. */
  @GetMapping("/blocklist")
  ResponseEntity<String> blocklist(Caller caller, @RequestParam(defaultValue = "csv") String format,
      @RequestParam(defaultValue = "rpz.haetae") String zone) {
    var rows = watch.confirmedMalicious(caller);
    Instant now = Instant.now();
    return switch (format) {
      case "csv" -> file(Blocklists.csv(rows), "text/csv", "blocklist.csv");
      case "rpz" -> file(Blocklists.rpz(rows, zone, now), "text/dns", "blocklist.rpz");
      case "stix" -> file(Blocklists.stix(rows, now), "application/stix+json", "blocklist.stix.json");
      default -> throw new BadInputException("format: one of csv, rpz, stix");
    };
  }

  private static ResponseEntity<String> file(String body, String type, String name) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(type + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
  }

  static MatchJson json(StoredMatch m) {
    return new MatchJson(m.id(), m.orgId(), m.orgName(), m.sector(), m.display(), m.domain(), m.protectedName(),
        m.technique(), m.score(), m.reasons(), m.firstSeen(), m.foundAt(), m.verdict().id(), m.decidedAt(), m.decidedBy());
  }
}
