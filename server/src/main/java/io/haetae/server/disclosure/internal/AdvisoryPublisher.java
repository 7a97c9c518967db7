package io.haetae.server.disclosure.internal;

import io.haetae.engine.csaf.CsafProblem;
import io.haetae.engine.csaf.CsafValidator;
import io.haetae.engine.disclosure.CsafWriter;
import io.haetae.engine.disclosure.Cve5Writer;
import io.haetae.engine.disclosure.OsvWriter;
import io.haetae.engine.disclosure.PublishedVulnerability;
import io.haetae.engine.disclosure.PublishedVulnerability.Publisher;
import io.haetae.server.disclosure.Disclosure;
import io.haetae.server.disclosure.EmbargoState;
import io.haetae.server.disclosure.IllegalReportMove;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.ReportState;
import io.haetae.server.disclosure.TimelineEntry;
import io.haetae.server.disclosure.internal.PublicationRepository.Published;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.web.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Publishes an accepted report (issue 16 part 3; docs/disclosure.md "Publishing"): an advisory
 * of the agency's namespace ({@code haetae.disclosure.advisory-prefix}, KR-HAETAE-2026-0001)
 * imported as an OSV record through the knowledge module like any other advisory, so matching,
 * alerts to holders and {@code /v1/vulns/{id}} follow; and its CSAF 2.0 document, validated
 * (schema and section 6.1), hashed and signed, served by {@link CsafProviderController}.
 * All in one transaction: a document that fails a test is refused (422 naming the test and
 * field) and nothing is stored.
 */
@Service
class AdvisoryPublisher {

  private static final Logger log = LoggerFactory.getLogger(AdvisoryPublisher.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What an analyst may add when publishing; every field optional. */
  record Request(String cve, String tlp, JsonNode affectedVersions, String fixedVersion) {}

  /** The CSAF document failed the schema or a mandatory test: not published. */
  static final class CsafRejected extends RuntimeException {
    final List<CsafProblem> problems;

    CsafRejected(List<CsafProblem> problems) {
      super("the CSAF document fails " + problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
      this.problems = List.copyOf(problems);
    }
  }

  private final Disclosure disclosure;
  private final CaseRepository cases;
  private final PublicationRepository published;
  private final AdvisoryImporter importer;
  private final io.haetae.server.knowledge.AdvisoryCatalog catalog;
  private final CsafSigningKey key;
  private final AuditLog audit;
  private final String prefix;
  private final Publisher publisher;
  private final String baseUrl;
  private final String cnaOrgId;
  private final ZoneId zone;

  AdvisoryPublisher(Disclosure disclosure, CaseRepository cases, PublicationRepository published, AdvisoryImporter importer,
      io.haetae.server.knowledge.AdvisoryCatalog catalog, CsafSigningKey key, AuditLog audit, @Value("${haetae.disclosure.advisory-prefix:KR-HAETAE}") String prefix,
      @Value("${haetae.csaf.publisher.name:Haetae}") String publisherName,
      @Value("${haetae.csaf.publisher.namespace:${haetae.base-url}}") String namespace,
      @Value("${haetae.csaf.publisher.contact:}") String contact, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.cve.cna-org-id:00000000-0000-4000-8000-000000000000}") String cnaOrgId) {
    this.disclosure = disclosure;
    this.cases = cases;
    this.published = published;
    this.importer = importer;
    this.catalog = catalog;
    this.key = key;
    this.audit = audit;
    if (!prefix.matches("[A-Z][A-Z0-9-]{0,30}[A-Z0-9]")) {
      throw new IllegalArgumentException("haetae.disclosure.advisory-prefix must be upper-case letters, digits and '-' (KR-HAETAE), not '" + prefix + "'");
    }
    this.prefix = prefix;
    this.publisher = new Publisher(publisherName, namespace, contact.isBlank() ? null : contact);
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.cnaOrgId = cnaOrgId;
    this.zone = disclosure.zone();
  }

  /** The advisory published from a report, if any, when the caller may read the report. */
  java.util.Optional<Published> of(Caller caller, UUID reportId) {
    disclosure.get(caller, reportId);
    return published.ofReport(reportId);
  }

  @Transactional
  Published publish(Caller caller, UUID reportId, Request request) {
    long start = System.nanoTime();
    Report report = disclosure.triaged(caller, reportId);
    if (report.state() != ReportState.ACCEPTED) {
      throw new IllegalReportMove(List.of("report " + reportId + " is " + report.state() + ": only an ACCEPTED report is published"));
    }
    published.ofReport(reportId).ifPresent(p -> {
      throw new IllegalReportMove(List.of("report " + reportId + " is already published as " + p.id()));
    });
    var file = cases.find(reportId);
    if (file.embargo() == EmbargoState.ACTIVE || file.embargo() == EmbargoState.PROPOSED) {
      throw new IllegalReportMove(List.of("report " + reportId + " is under a " + file.embargo() + " embargo"
          + (file.embargoEndsAt() == null ? "" : " until " + file.embargoEndsAt().atZone(zone).toOffsetDateTime())
          + ": exit the embargo before publishing"));
    }
    Request r = request == null ? new Request(null, null, null, null) : request;
    if (report.submission().ecosystem() == null) {
      throw new BadInputException("report " + reportId + " names a package of no ecosystem the hub matches ("
          + report.submission().purl() + "): it cannot become an advisory");
    }
    Marking marking = marking(report, r.tlp());
    String fixed = blankToNull(r.fixedVersion());
    if (fixed == null) fixed = report.submission().fixedVersion();
    if (fixed == null) fixed = fixFromTimeline(reportId);
    ArrayNode ranges = ranges(report, r.affectedVersions(), fixed);
    if (fixed == null) fixed = lastFixed(ranges);

    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    int year = now.atZone(zone).getYear();
    int seq = published.nextSeq(year);
    String id = "%s-%d-%04d".formatted(prefix, year, seq);
    String fileName = CsafWriter.fileName(id);
    String url = baseUrl + "/.well-known/csaf/" + CsafProviderController.folder(marking.tlp()) + "/" + year + "/" + fileName;
    var vulnerability = vulnerability(report, id, now, blankToNull(r.cve()), url, fixed, ranges, marking);

    String csaf = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(CsafWriter.write(vulnerability, publisher, version()));
    var problems = CsafValidator.validate(csaf);
    if (!problems.isEmpty()) throw new CsafRejected(problems);
    byte[] bytes = csaf.getBytes(StandardCharsets.UTF_8);
    var row = new Published(id, reportId, year, marking, report.submission().title(), fileName, now, caller.name(), csaf,
        digest("SHA-256", bytes), digest("SHA-512", bytes), key.sign(bytes));
    try {
      published.insert(row, seq);
    } catch (DuplicateKeyException e) {
      throw new IllegalReportMove(List.of(id + " was taken by another publication meanwhile; publish again"));
    }
    importOsv(vulnerability, marking);
    cases.append(reportId, now, caller.name(), caller.orgId(), "PUBLISHED", null, null, null, id);
    audit.record(caller, "report.publish", marking.origin(), "report " + reportId + " as " + id + " " + marking.tlp().label());
    log.atInfo().addKeyValue("report", reportId).addKeyValue("advisory", id).addKeyValue("tlp", marking.tlp())
        .addKeyValue("tookMs", (System.nanoTime() - start) / 1_000_000).log("report published");
    return row;
  }

  /** The CVE JSON 5 record of a published report. */
  JsonNode cveRecord(Caller caller, UUID reportId) {
    Report report = disclosure.get(caller, reportId);
    Published p = published.ofReport(reportId).orElseThrow(() -> new io.haetae.server.web.NotFoundException("published advisory"));
    var csaf = JSON.readTree(p.csaf());
    String cve = csaf.path("vulnerabilities").path(0).path("cve").asString(null);
    String fixed = null;
    for (JsonNode b : csaf.path("product_tree").path("branches").path(0).path("branches").path(0).path("branches")) {
      if ("product_version".equals(b.path("category").asString())) fixed = b.path("name").asString();
    }
    String url = csaf.path("document").path("references").path(0).path("url").asString();
    // The ranges as published (the analyst may have given them at publication), from the stored OSV record.
    ArrayNode osvRanges = catalog.find(caller, p.id())
        .map(a -> JSON.readTree(a.advisory().json()).path("affected").path(0).path("ranges"))
        .filter(JsonNode::isArray).map(n -> (ArrayNode) n).orElseGet(() -> ranges(report, null, null));
    return Cve5Writer.write(vulnerability(report, p.id(), p.publishedAt(), cve, url, fixed, osvRanges, p.marking()), publisher, cnaOrgId);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The report as the engine's writers take it. */
  private static PublishedVulnerability vulnerability(Report report, String id, Instant at, String cve, String url, String fixed,
      ArrayNode ranges, Marking marking) {
    var s = report.submission();
    return new PublishedVulnerability(id, at, cve, url, s.title(), s.description(), s.ecosystem(), s.packageName(), s.purl(),
        s.vendor(), ranges, fixed, s.cvssVector(), s.cwe(), s.references(), marking.tlp().label(), report.id().toString());
  }

  private void importOsv(PublishedVulnerability vulnerability, Marking marking) {
    var osv = OsvWriter.write(vulnerability);
    try {
      var dir = Files.createTempDirectory("haetae-publish");
      var file = dir.resolve(CsafWriter.fileName(vulnerability.id()));
      try {
        Files.writeString(file, JSON.writeValueAsString(osv));
        var summary = importer.importOsv(file, marking);
        if (!summary.rejected().isEmpty() || summary.inserted() + summary.updated() != 1) {
          throw new IllegalStateException("the OSV record of " + vulnerability.id() + " was not stored: " + summary);
        }
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand the OSV record of " + vulnerability.id() + " to the importer", e);
    }
  }

  private static Marking marking(Report report, String tlp) {
    if (tlp == null || tlp.isBlank()) return report.marking();
    Tlp label;
    try {
      label = Tlp.parse(tlp);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'/tlp' " + e.getMessage().replace("'tlp' ", ""));
    }
    return new Marking(label, report.marking().origin(), report.marking().sector());
  }

  /** The OSV ranges: given now, the report's own, or "every version below the fix". */
  private static ArrayNode ranges(Report report, JsonNode given, String fixed) {
    JsonNode ranges = given != null && !given.isNull() ? given : report.submission().affectedVersions();
    if (ranges != null && ranges.isArray() && !ranges.isEmpty()) {
      for (int i = 0; i < ranges.size(); i++) {
        JsonNode range = ranges.get(i);
        if (!range.isObject() || !range.path("type").isString() || !range.path("events").isArray() || range.path("events").isEmpty()) {
          throw new BadInputException("'/affectedVersions/" + i + "' must be an OSV range: {\"type\": \"ECOSYSTEM\", \"events\": [...]}");
        }
      }
      return (ArrayNode) ranges.deepCopy();
    }
    if (fixed == null) {
      throw new BadInputException("'/affectedVersions' is missing: the report states its versions as text; give OSV ranges"
          + " or a '/fixedVersion' to publish");
    }
    var out = JSON.createArrayNode();
    var events = out.addObject().put("type", "ECOSYSTEM").putArray("events");
    events.addObject().put("introduced", "0");
    events.addObject().put("fixed", fixed);
    return out;
  }

  private static String lastFixed(ArrayNode ranges) {
    String fixed = null;
    for (JsonNode range : ranges) for (JsonNode e : range.path("events")) if (e.has("fixed")) fixed = e.get("fixed").asString();
    return fixed;
  }

  /** The newest fixed version a vendor attached to the case. */
  private String fixFromTimeline(UUID reportId) {
    String fixed = null;
    for (TimelineEntry e : cases.timeline(reportId)) {
      if ("FIX".equals(e.kind()) && e.detail() != null) {
        String v = JSON.readTree(e.detail()).path("version").asString(null);
        if (v != null) fixed = v;
      }
    }
    return fixed;
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String version() {
    String v = AdvisoryPublisher.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
