package io.haetae.server.disclosure.internal;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.version.Ecosystem;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.ReportSubmission;
import io.haetae.server.identity.Tlp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import us.springett.cvss.Cvss;

/**
 * The documents an accepted report becomes when it is published: the OSV record the hub matches
 * and serves as {@code /v1/vulns/{id}}, the CSAF 2.0 security advisory of the trusted provider,
 * and the CVE JSON 5 record a CNA submits. All three say the same: the package, the affected
 * versions (OSV ranges), the fixed version, the CVSS vector, the weakness, the references.
 */
final class AdvisoryDocuments {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String AFFECTED = "HAETAE-PID-AFFECTED";
  static final String FIXED = "HAETAE-PID-FIXED";

  /** What the publication adds to the report: its id, time, the CVE if one was assigned, and where the CSAF document will be. */
  record Release(String id, Instant at, String cve, String csafUrl, String fixedVersion, ArrayNode ranges) {}

  /** Who publishes: CSAF {@code document.publisher}, and the CNA in a CVE record. */
  record Publisher(String name, String namespace, String contact) {}

  private AdvisoryDocuments() {}

  /** The file name CSAF 2.0 section 5.1 derives from the tracking id: lower case, runs of other characters as "_". */
  static String fileName(String trackingId) {
    return trackingId.toLowerCase(Locale.ROOT).replaceAll("[^+\\-a-z0-9]+", "_") + ".json";
  }

  /** The CSAF label of a TLP 2.0 label: CSAF 2.0 still speaks TLP 1.0 (CLEAR is WHITE; +STRICT is AMBER's). */
  static String csafLabel(Tlp tlp) {
    return switch (tlp) {
      case CLEAR -> "WHITE";
      case GREEN -> "GREEN";
      case AMBER, AMBER_STRICT -> "AMBER";
      case RED -> "RED";
    };
  }

  // --- OSV -----------------------------------------------------------------------------------

  static ObjectNode osv(Report report, Release r) {
    ReportSubmission s = report.submission();
    var osv = JSON.createObjectNode();
    osv.put("schema_version", "1.6.0");
    osv.put("id", r.id());
    osv.put("modified", r.at().truncatedTo(ChronoUnit.SECONDS).toString());
    osv.put("published", r.at().truncatedTo(ChronoUnit.SECONDS).toString());
    if (r.cve() != null) osv.putArray("aliases").add(r.cve());
    osv.put("summary", s.title());
    osv.put("details", s.description());
    var affected = osv.putArray("affected").addObject();
    var pkg = affected.putObject("package");
    pkg.put("ecosystem", s.ecosystem());
    pkg.put("name", s.packageName());
    String purl = purl(s, null);
    if (purl != null) pkg.put("purl", purl);
    affected.set("ranges", r.ranges().deepCopy());
    if (s.cvssVector() != null) {
      osv.putArray("severity").addObject().put("type", s.cvssVector().startsWith("CVSS:4") ? "CVSS_V4" : "CVSS_V3")
          .put("score", s.cvssVector());
    }
    var refs = osv.putArray("references");
    refs.addObject().put("type", "ADVISORY").put("url", r.csafUrl());
    s.references().forEach(u -> refs.addObject().put("type", "WEB").put("url", u));
    var specific = osv.putObject("database_specific");
    specific.put("source", "haetae disclosure");
    specific.put("report", report.id().toString());
    if (s.cwe() != null) specific.putArray("cwe_ids").add(s.cwe());
    return osv;
  }

  // --- CSAF 2.0 --------------------------------------------------------------------------------

  static ObjectNode csaf(Report report, Release r, Publisher publisher, String generatorVersion) {
    ReportSubmission s = report.submission();
    String at = r.at().truncatedTo(ChronoUnit.MILLIS).toString();
    var doc = JSON.createObjectNode();
    var document = doc.putObject("document");
    document.put("category", "csaf_security_advisory");
    document.put("csaf_version", "2.0");
    var distribution = document.putObject("distribution");
    distribution.put("text", report.marking().tlp().label());
    distribution.putObject("tlp").put("label", csafLabel(report.marking().tlp())).put("url", "https://www.first.org/tlp/");
    document.put("lang", "en");
    var notes = document.putArray("notes");
    notes.addObject().put("category", "summary").put("title", "Summary").put("text", s.title());
    var publisherNode = document.putObject("publisher");
    publisherNode.put("category", "coordinator").put("name", publisher.name()).put("namespace", publisher.namespace());
    if (publisher.contact() != null) publisherNode.put("contact_details", publisher.contact());
    var references = document.putArray("references");
    references.addObject().put("category", "self").put("summary", r.id()).put("url", r.csafUrl());
    document.put("title", s.title());
    var tracking = document.putObject("tracking");
    tracking.put("current_release_date", at);
    var generator = tracking.putObject("generator");
    generator.put("date", at);
    generator.putObject("engine").put("name", "Haetae").put("version", generatorVersion);
    tracking.put("id", r.id());
    tracking.put("initial_release_date", at);
    tracking.putArray("revision_history").addObject().put("date", at).put("number", "1").put("summary", "Initial version.");
    tracking.put("status", "final");
    tracking.put("version", "1");

    String name = s.packageName();
    var product = doc.putObject("product_tree").putArray("branches").addObject();
    product.put("category", "vendor").put("name", s.vendor() != null ? s.vendor() : s.ecosystem() != null ? s.ecosystem() : "unknown");
    var versions = product.putArray("branches").addObject().put("category", "product_name").put("name", name).putArray("branches");
    String range = vers(r.ranges(), purl(s, null)).orElse(rangeText(r.ranges()));
    var affectedProduct = versions.addObject().put("category", "product_version_range").put("name", range)
        .putObject("product").put("name", name + " " + rangeText(r.ranges())).put("product_id", AFFECTED);
    String base = purl(s, null);
    if (base != null) affectedProduct.putObject("product_identification_helper").put("purl", base);
    if (r.fixedVersion() != null) {
      var fixedProduct = versions.addObject().put("category", "product_version").put("name", r.fixedVersion())
          .putObject("product").put("name", name + " " + r.fixedVersion()).put("product_id", FIXED);
      String fixedPurl = purl(s, r.fixedVersion());
      if (fixedPurl != null) fixedProduct.putObject("product_identification_helper").put("purl", fixedPurl);
    }

    var vuln = doc.putArray("vulnerabilities").addObject();
    if (r.cve() != null) vuln.put("cve", r.cve());
    vuln.putArray("ids").addObject().put("system_name", publisher.name()).put("text", r.id());
    var vulnNotes = vuln.putArray("notes");
    vulnNotes.addObject().put("category", "description").put("title", "Description").put("text", s.description());
    if (s.cwe() != null) vulnNotes.addObject().put("category", "other").put("title", "Weakness").put("text", s.cwe());
    var status = vuln.putObject("product_status");
    status.putArray("known_affected").add(AFFECTED);
    if (r.fixedVersion() != null) {
      status.putArray("fixed").add(FIXED);
      vuln.putArray("remediations").addObject().put("category", "vendor_fix")
          .put("details", "Upgrade " + name + " to " + r.fixedVersion() + " or later.").putArray("product_ids").add(AFFECTED);
    } else {
      vuln.putArray("remediations").addObject().put("category", "none_available")
          .put("details", "No fixed version is known yet.").putArray("product_ids").add(AFFECTED);
    }
    if (s.cvssVector() != null && s.cvssVector().startsWith("CVSS:3.")) {
      double score = Cvss.fromVector(s.cvssVector()).calculateScore().getBaseScore();
      var score3 = vuln.putArray("scores").addObject();
      score3.putArray("products").add(AFFECTED);
      score3.putObject("cvss_v3").put("version", s.cvssVector().substring(5, 8)).put("vectorString", s.cvssVector())
          .put("baseScore", score).put("baseSeverity", severity(score));
    } else if (s.cvssVector() != null) {
      // CSAF 2.0 has no place for CVSS v4.0 scores (2.1 adds one): the vector is stated in a note.
      vulnNotes.addObject().put("category", "other").put("title", "CVSS v4.0").put("text", s.cvssVector());
    }
    if (!s.references().isEmpty()) {
      var vulnRefs = vuln.putArray("references");
      s.references().forEach(u -> vulnRefs.addObject().put("category", "external").put("summary", u).put("url", u));
    }
    vuln.put("title", s.title());
    return doc;
  }

  // --- CVE JSON 5 ------------------------------------------------------------------------------

  /**
   * A CVE Record Format 5.1 record whose {@code containers.cna} a CNA submits through CVE
   * Services; {@code cveMetadata} only when a CVE id was given at publication.
   */
  static ObjectNode cve(Report report, Release r, Publisher publisher, String cnaOrgId) {
    ReportSubmission s = report.submission();
    var record = JSON.createObjectNode();
    record.put("dataType", "CVE_RECORD");
    record.put("dataVersion", "5.1");
    if (r.cve() != null) {
      var meta = record.putObject("cveMetadata");
      meta.put("cveId", r.cve());
      meta.put("assignerOrgId", cnaOrgId);
      meta.put("assignerShortName", publisher.name());
      meta.put("state", "PUBLISHED");
      meta.put("datePublished", r.at().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    var cna = record.putObject("containers").putObject("cna");
    cna.putObject("providerMetadata").put("orgId", cnaOrgId).put("shortName", publisher.name());
    cna.put("title", s.title());
    cna.put("datePublic", r.at().truncatedTo(ChronoUnit.SECONDS).toString());
    cna.putArray("descriptions").addObject().put("lang", "en").put("value", s.description());
    var affected = cna.putArray("affected").addObject();
    affected.put("vendor", s.vendor() != null ? s.vendor() : "n/a");
    affected.put("product", s.packageName());
    String collection = collectionUrl(s.ecosystem());
    if (collection != null) {
      affected.put("collectionURL", collection);
      affected.put("packageName", s.packageName());
    }
    affected.put("defaultStatus", "unaffected");
    var versions = affected.putArray("versions");
    for (JsonNode range : r.ranges()) {
      String introduced = null;
      for (JsonNode event : range.path("events")) {
        if (event.has("introduced")) introduced = event.get("introduced").asString();
        String type = "ECOSYSTEM".equals(range.path("type").asString()) ? (s.ecosystem() == null ? "custom" : s.ecosystem()) : "semver";
        if (event.has("fixed") || event.has("last_affected")) {
          var v = versions.addObject().put("version", introduced == null ? "0" : introduced).put("status", "affected");
          if (event.has("fixed")) v.put("lessThan", event.get("fixed").asString());
          else v.put("lessThanOrEqual", event.get("last_affected").asString());
          v.put("versionType", type.equals("semver") ? "semver" : type.equals("Maven") ? "maven" : type.equals("PyPI") ? "python" : "custom");
          introduced = null;
        }
      }
      if (introduced != null) versions.addObject().put("version", introduced).put("status", "affected")
          .put("lessThan", "*").put("versionType", "custom");
    }
    if (versions.isEmpty()) {
      affected.put("defaultStatus", "affected");
      affected.remove("versions");
    }
    if (s.cwe() != null) {
      cna.putArray("problemTypes").addObject().putArray("descriptions").addObject()
          .put("lang", "en").put("cweId", s.cwe()).put("description", s.cwe()).put("type", "CWE");
    }
    if (s.cvssVector() != null) {
      var metric = cna.putArray("metrics").addObject();
      if (s.cvssVector().startsWith("CVSS:3.")) {
        double score = Cvss.fromVector(s.cvssVector()).calculateScore().getBaseScore();
        String version = s.cvssVector().substring(5, 8);
        metric.putObject(version.equals("3.1") ? "cvssV3_1" : "cvssV3_0").put("version", version)
            .put("vectorString", s.cvssVector()).put("baseScore", score).put("baseSeverity", severity(score));
      } else {
        double score = Cvss.fromVector(s.cvssVector()).calculateScore().getBaseScore();
        metric.putObject("cvssV4_0").put("version", "4.0").put("vectorString", s.cvssVector())
            .put("baseScore", score).put("baseSeverity", severity(score));
      }
    }
    var refs = cna.putArray("references");
    refs.addObject().put("url", r.csafUrl()).put("name", r.id()).putArray("tags").add("vendor-advisory");
    s.references().forEach(u -> refs.addObject().put("url", u));
    return record;
  }

  // --- shared --------------------------------------------------------------------------------

  /**
   * The ranges as a vers (https://github.com/package-url/purl-spec, VERSION-RANGE-SPEC), which
   * CSAF 2.0 recommends for {@code product_version_range}: {@code vers:npm/>=1.0.0|<1.2.0}; empty
   * for git ranges or a package without a purl type.
   */
  static java.util.Optional<String> vers(ArrayNode ranges, String purl) {
    if (purl == null || ranges.isEmpty()) return java.util.Optional.empty();
    String type = purl.substring(4, purl.indexOf('/'));
    var constraints = new ArrayList<String>();
    for (JsonNode range : ranges) {
      if ("GIT".equals(range.path("type").asString())) return java.util.Optional.empty();
      for (JsonNode e : range.path("events")) {
        if (e.has("introduced") && !"0".equals(e.get("introduced").asString())) constraints.add(">=" + encode(e.get("introduced").asString()));
        if (e.has("fixed")) constraints.add("<" + encode(e.get("fixed").asString()));
        if (e.has("last_affected")) constraints.add("<=" + encode(e.get("last_affected").asString()));
        if (e.has("limit")) constraints.add("<" + encode(e.get("limit").asString()));
      }
    }
    return java.util.Optional.of("vers:" + type + "/" + (constraints.isEmpty() ? "*" : String.join("|", constraints)));
  }

  private static String encode(String version) {
    return java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%2B");
  }

  /** The ranges as people read them: "&gt;=1.0.0 &lt;1.2.0", ranges joined by " || ". */
  static String rangeText(ArrayNode ranges) {
    var out = new ArrayList<String>();
    for (JsonNode range : ranges) {
      var parts = new ArrayList<String>();
      for (JsonNode e : range.path("events")) {
        if (e.has("introduced") && !"0".equals(e.get("introduced").asString())) parts.add(">=" + e.get("introduced").asString());
        if (e.has("fixed")) parts.add("<" + e.get("fixed").asString());
        if (e.has("last_affected")) parts.add("<=" + e.get("last_affected").asString());
        if (e.has("limit")) parts.add("<" + e.get("limit").asString());
      }
      out.add(parts.isEmpty() ? "all versions" : String.join(" ", parts));
    }
    return out.isEmpty() ? "all versions" : String.join(" || ", out);
  }

  /** The report's package as a purl, without version (or with {@code version}); null when the hub cannot say. */
  static String purl(ReportSubmission s, String version) {
    try {
      if (s.purl() != null) {
        var p = new PackageURL(s.purl());
        return new PackageURL(p.getType(), p.getNamespace(), p.getName(), version, null, null).canonicalize();
      }
      if (s.ecosystem() == null) return null;
      var eco = Ecosystem.fromOsv(s.ecosystem()).orElse(null);
      if (eco == null || eco.purlType() == null) return null;
      String name = s.packageName();
      String namespace = null;
      int cut = eco == Ecosystem.MAVEN ? name.indexOf(':') : name.lastIndexOf('/');
      if (cut > 0) {
        namespace = name.substring(0, cut);
        name = name.substring(cut + 1);
      }
      return new PackageURL(eco.purlType(), namespace, name, version, null, null).canonicalize();
    } catch (MalformedPackageURLException | RuntimeException e) {
      return null;
    }
  }

  private static String collectionUrl(String ecosystem) {
    if (ecosystem == null) return null;
    return switch (ecosystem) {
      case "npm" -> "https://www.npmjs.com";
      case "PyPI" -> "https://pypi.org";
      case "Maven" -> "https://repo.maven.apache.org/maven2";
      case "Go" -> "https://pkg.go.dev";
      case "crates.io" -> "https://crates.io";
      case "RubyGems" -> "https://rubygems.org";
      case "NuGet" -> "https://www.nuget.org";
      case "Packagist" -> "https://packagist.org";
      default -> null;
    };
  }

  static String severity(double score) {
    if (score == 0) return "NONE";
    if (score < 4) return "LOW";
    if (score < 7) return "MEDIUM";
    if (score < 9) return "HIGH";
    return "CRITICAL";
  }
}
