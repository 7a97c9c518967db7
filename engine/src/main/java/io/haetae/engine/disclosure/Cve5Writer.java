package io.haetae.engine.disclosure;

import io.haetae.engine.disclosure.PublishedVulnerability.Publisher;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import us.springett.cvss.Cvss;

/**
 * The CVE Record Format 5.1 record of a published vulnerability, whose {@code containers.cna}
 * a CNA submits through CVE Services.
 *
 * <pre>{@code
 * ObjectNode record = Cve5Writer.write(vulnerability, publisher, "4d4b7d1c-...");   // containers.cna, cveMetadata
 * }</pre>
 */
public final class Cve5Writer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Cve5Writer() {}

  /**
   * A CVE Record Format 5.1 record whose {@code containers.cna} a CNA submits through CVE
   * Services; {@code cveMetadata} only when a CVE id was given at publication.
   */
  public static ObjectNode write(PublishedVulnerability v, Publisher publisher, String cnaOrgId) {
    var record = JSON.createObjectNode();
    record.put("dataType", "CVE_RECORD");
    record.put("dataVersion", "5.1");
    if (v.cve() != null) {
      var meta = record.putObject("cveMetadata");
      meta.put("cveId", v.cve());
      meta.put("assignerOrgId", cnaOrgId);
      meta.put("assignerShortName", publisher.name());
      meta.put("state", "PUBLISHED");
      meta.put("datePublished", v.published().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    var cna = record.putObject("containers").putObject("cna");
    cna.putObject("providerMetadata").put("orgId", cnaOrgId).put("shortName", publisher.name());
    cna.put("title", v.title());
    cna.put("datePublic", v.published().truncatedTo(ChronoUnit.SECONDS).toString());
    cna.putArray("descriptions").addObject().put("lang", "en").put("value", v.description());
    var affected = cna.putArray("affected").addObject();
    affected.put("vendor", v.vendor() != null ? v.vendor() : "n/a");
    affected.put("product", v.packageName());
    String collection = collectionUrl(v.ecosystem());
    if (collection != null) {
      affected.put("collectionURL", collection);
      affected.put("packageName", v.packageName());
    }
    affected.put("defaultStatus", "unaffected");
    var versions = affected.putArray("versions");
    for (JsonNode range : v.ranges()) {
      String introduced = null;
      for (JsonNode event : range.path("events")) {
        if (event.has("introduced")) introduced = event.get("introduced").asString();
        String type = "ECOSYSTEM".equals(range.path("type").asString()) ? (v.ecosystem() == null ? "custom" : v.ecosystem()) : "semver";
        if (event.has("fixed") || event.has("last_affected")) {
          var entry = versions.addObject().put("version", introduced == null ? "0" : introduced).put("status", "affected");
          if (event.has("fixed")) entry.put("lessThan", event.get("fixed").asString());
          else entry.put("lessThanOrEqual", event.get("last_affected").asString());
          entry.put("versionType", type.equals("semver") ? "semver" : type.equals("Maven") ? "maven" : type.equals("PyPI") ? "python" : "custom");
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
    if (v.cwe() != null) {
      cna.putArray("problemTypes").addObject().putArray("descriptions").addObject()
          .put("lang", "en").put("cweId", v.cwe()).put("description", v.cwe()).put("type", "CWE");
    }
    if (v.cvssVector() != null) {
      var metric = cna.putArray("metrics").addObject();
      if (v.cvssVector().startsWith("CVSS:3.")) {
        double score = Cvss.fromVector(v.cvssVector()).calculateScore().getBaseScore();
        String version = v.cvssVector().substring(5, 8);
        metric.putObject(version.equals("3.1") ? "cvssV3_1" : "cvssV3_0").put("version", version)
            .put("vectorString", v.cvssVector()).put("baseScore", score).put("baseSeverity", PublishedVulnerability.severity(score));
      } else {
        double score = Cvss.fromVector(v.cvssVector()).calculateScore().getBaseScore();
        metric.putObject("cvssV4_0").put("version", "4.0").put("vectorString", v.cvssVector())
            .put("baseScore", score).put("baseSeverity", PublishedVulnerability.severity(score));
      }
    }
    var refs = cna.putArray("references");
    refs.addObject().put("url", v.csafUrl()).put("name", v.id()).putArray("tags").add("vendor-advisory");
    v.references().forEach(u -> refs.addObject().put("url", u));
    return record;
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
}
