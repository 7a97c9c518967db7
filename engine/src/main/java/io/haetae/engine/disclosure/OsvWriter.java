package io.haetae.engine.disclosure;

import java.time.temporal.ChronoUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OSV record (schema 1.6) of a published vulnerability: what a hub imports, matches and
 * serves as {@code /v1/vulns/{id}}.
 *
 * <pre>{@code
 * ObjectNode osv = OsvWriter.write(vulnerability);   // {"id": "KR-HAETAE-2026-0001", "affected": [...], ...}
 * }</pre>
 */
public final class OsvWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OsvWriter() {}

  public static ObjectNode write(PublishedVulnerability v) {
    var osv = JSON.createObjectNode();
    osv.put("schema_version", "1.6.0");
    osv.put("id", v.id());
    osv.put("modified", v.published().truncatedTo(ChronoUnit.SECONDS).toString());
    osv.put("published", v.published().truncatedTo(ChronoUnit.SECONDS).toString());
    if (v.cve() != null) osv.putArray("aliases").add(v.cve());
    osv.put("summary", v.title());
    osv.put("details", v.description());
    var affected = osv.putArray("affected").addObject();
    var pkg = affected.putObject("package");
    pkg.put("ecosystem", v.ecosystem());
    pkg.put("name", v.packageName());
    String purl = v.purlOf(null);
    if (purl != null) pkg.put("purl", purl);
    affected.set("ranges", v.ranges().deepCopy());
    if (v.cvssVector() != null) {
      osv.putArray("severity").addObject().put("type", v.cvssVector().startsWith("CVSS:4") ? "CVSS_V4" : "CVSS_V3")
          .put("score", v.cvssVector());
    }
    var refs = osv.putArray("references");
    refs.addObject().put("type", "ADVISORY").put("url", v.csafUrl());
    v.references().forEach(u -> refs.addObject().put("type", "WEB").put("url", u));
    var specific = osv.putObject("database_specific");
    specific.put("source", "haetae disclosure");
    if (v.source() != null) specific.put("report", v.source());
    if (v.cwe() != null) specific.putArray("cwe_ids").add(v.cwe());
    return osv;
  }
}
