package io.haetae.engine.disclosure;

import io.haetae.engine.disclosure.PublishedVulnerability.Publisher;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import us.springett.cvss.Cvss;

/**
 * The CSAF 2.0 security advisory (https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html)
 * of a published vulnerability, as a trusted provider publishes it: publisher category
 * {@code coordinator}, tracking id the advisory id, a product tree vendor &gt; package &gt; affected
 * range (a vers) and fixed version with purls, product status, remediation, CVSS v3 score.
 * Check it with {@link io.haetae.engine.csaf.CsafValidator} before publishing.
 *
 * <pre>{@code
 * ObjectNode csaf = CsafWriter.write(vulnerability, new Publisher("KrCERT/CC", "https://www.krcert.or.kr", null), "0.1.0");
 * }</pre>
 */
public final class CsafWriter {

  static final String AFFECTED = "HAETAE-PID-AFFECTED";
  static final String FIXED = "HAETAE-PID-FIXED";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CsafWriter() {}

  /** The file name CSAF 2.0 section 5.1 derives from the tracking id: lower case, runs of other characters as "_". */
  public static String fileName(String trackingId) {
    return trackingId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^+\\-a-z0-9]+", "_") + ".json";
  }

  /** The CSAF 2.0 label (TLP 1.0) of a TLP 2.0 label: TLP:CLEAR is WHITE; +STRICT is AMBER's. */
  public static String csafLabel(String tlp) {
    return switch (tlp) {
      case "TLP:CLEAR" -> "WHITE";
      case "TLP:GREEN" -> "GREEN";
      case "TLP:AMBER", "TLP:AMBER+STRICT" -> "AMBER";
      case "TLP:RED" -> "RED";
      default -> throw new IllegalArgumentException("not a TLP 2.0 label: " + tlp);
    };
  }

  public static ObjectNode write(PublishedVulnerability v, Publisher publisher, String generatorVersion) {
    String at = v.published().truncatedTo(ChronoUnit.MILLIS).toString();
    var doc = JSON.createObjectNode();
    var document = doc.putObject("document");
    document.put("category", "csaf_security_advisory");
    document.put("csaf_version", "2.0");
    var distribution = document.putObject("distribution");
    distribution.put("text", v.tlp());
    distribution.putObject("tlp").put("label", csafLabel(v.tlp())).put("url", "https://www.first.org/tlp/");
    document.put("lang", "en");
    var notes = document.putArray("notes");
    notes.addObject().put("category", "summary").put("title", "Summary").put("text", v.title());
    var publisherNode = document.putObject("publisher");
    publisherNode.put("category", "coordinator").put("name", publisher.name()).put("namespace", publisher.namespace());
    if (publisher.contact() != null) publisherNode.put("contact_details", publisher.contact());
    var references = document.putArray("references");
    references.addObject().put("category", "self").put("summary", v.id()).put("url", v.csafUrl());
    document.put("title", v.title());
    var tracking = document.putObject("tracking");
    tracking.put("current_release_date", at);
    var generator = tracking.putObject("generator");
    generator.put("date", at);
    generator.putObject("engine").put("name", "Haetae").put("version", generatorVersion);
    tracking.put("id", v.id());
    tracking.put("initial_release_date", at);
    tracking.putArray("revision_history").addObject().put("date", at).put("number", "1").put("summary", "Initial version.");
    tracking.put("status", "final");
    tracking.put("version", "1");

    String name = v.packageName();
    var product = doc.putObject("product_tree").putArray("branches").addObject();
    product.put("category", "vendor").put("name", v.vendor() != null ? v.vendor() : v.ecosystem() != null ? v.ecosystem() : "unknown");
    var versions = product.putArray("branches").addObject().put("category", "product_name").put("name", name).putArray("branches");
    String range = vers(v.ranges(), v.purlOf(null)).orElse(v.rangeText());
    var affectedProduct = versions.addObject().put("category", "product_version_range").put("name", range)
        .putObject("product").put("name", name + " " + v.rangeText()).put("product_id", AFFECTED);
    String base = v.purlOf(null);
    if (base != null) affectedProduct.putObject("product_identification_helper").put("purl", base);
    if (v.fixedVersion() != null) {
      var fixedProduct = versions.addObject().put("category", "product_version").put("name", v.fixedVersion())
          .putObject("product").put("name", name + " " + v.fixedVersion()).put("product_id", FIXED);
      String fixedPurl = v.purlOf(v.fixedVersion());
      if (fixedPurl != null) fixedProduct.putObject("product_identification_helper").put("purl", fixedPurl);
    }

    var vuln = doc.putArray("vulnerabilities").addObject();
    if (v.cve() != null) vuln.put("cve", v.cve());
    vuln.putArray("ids").addObject().put("system_name", publisher.name()).put("text", v.id());
    var vulnNotes = vuln.putArray("notes");
    vulnNotes.addObject().put("category", "description").put("title", "Description").put("text", v.description());
    if (v.cwe() != null) vulnNotes.addObject().put("category", "other").put("title", "Weakness").put("text", v.cwe());
    var status = vuln.putObject("product_status");
    status.putArray("known_affected").add(AFFECTED);
    if (v.fixedVersion() != null) {
      status.putArray("fixed").add(FIXED);
      vuln.putArray("remediations").addObject().put("category", "vendor_fix")
          .put("details", "Upgrade " + name + " to " + v.fixedVersion() + " or later.").putArray("product_ids").add(AFFECTED);
    } else {
      vuln.putArray("remediations").addObject().put("category", "none_available")
          .put("details", "No fixed version is known yet.").putArray("product_ids").add(AFFECTED);
    }
    if (v.cvssVector() != null && v.cvssVector().startsWith("CVSS:3.")) {
      double score = Cvss.fromVector(v.cvssVector()).calculateScore().getBaseScore();
      var score3 = vuln.putArray("scores").addObject();
      score3.putArray("products").add(AFFECTED);
      score3.putObject("cvss_v3").put("version", v.cvssVector().substring(5, 8)).put("vectorString", v.cvssVector())
          .put("baseScore", score).put("baseSeverity", PublishedVulnerability.severity(score));
    } else if (v.cvssVector() != null) {
      // CSAF 2.0 has no place for CVSS v4.0 scores (2.1 adds one): the vector is stated in a note.
      vulnNotes.addObject().put("category", "other").put("title", "CVSS v4.0").put("text", v.cvssVector());
    }
    if (!v.references().isEmpty()) {
      var vulnRefs = vuln.putArray("references");
      v.references().forEach(u -> vulnRefs.addObject().put("category", "external").put("summary", u).put("url", u));
    }
    vuln.put("title", v.title());
    return doc;
  }

  /**
   * The ranges as a vers (https://github.com/package-url/purl-spec, VERSION-RANGE-SPEC), which
   * CSAF 2.0 recommends for {@code product_version_range}: {@code vers:npm/>=1.0.0|<1.2.0}; empty
   * for git ranges or a package without a purl type.
   */
  static Optional<String> vers(ArrayNode ranges, String purl) {
    if (purl == null || ranges.isEmpty()) return Optional.empty();
    String type = purl.substring(4, purl.indexOf('/'));
    var constraints = new ArrayList<String>();
    for (JsonNode range : ranges) {
      if ("GIT".equals(range.path("type").asString())) return Optional.empty();
      for (JsonNode e : range.path("events")) {
        if (e.has("introduced") && !"0".equals(e.get("introduced").asString())) constraints.add(">=" + encode(e.get("introduced").asString()));
        if (e.has("fixed")) constraints.add("<" + encode(e.get("fixed").asString()));
        if (e.has("last_affected")) constraints.add("<=" + encode(e.get("last_affected").asString()));
        if (e.has("limit")) constraints.add("<" + encode(e.get("limit").asString()));
      }
    }
    return Optional.of("vers:" + type + "/" + (constraints.isEmpty() ? "*" : String.join("|", constraints)));
  }

  private static String encode(String version) {
    return java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%2B");
  }
}
