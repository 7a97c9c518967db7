package io.haetae.server.findings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One finding in Dependency-Track's JSON shape ({@code GET /api/v1/finding/project/{uuid}}),
 * shared by the hub's API and {@code haetae scan --format json}, so scripts read both alike.
 */
public final class FindingJson {

  private FindingJson() {}

  /** The finding as Dependency-Track's finding list shows it, for a project and the component's uuid. */
  public static Map<String, Object> of(UUID projectId, UUID componentId, Finding f) {
    var component = new LinkedHashMap<String, Object>();
    component.put("uuid", componentId.toString());
    component.put("name", f.componentName());
    component.put("group", f.componentGroup());
    component.put("version", f.componentVersion());
    component.put("purl", f.componentPurl());
    component.put("project", projectId.toString());
    var vulnerability = new LinkedHashMap<String, Object>();
    vulnerability.put("uuid", UUID.nameUUIDFromBytes(f.advisoryId().getBytes(StandardCharsets.UTF_8)).toString());
    vulnerability.put("vulnId", f.advisoryId());
    vulnerability.put("source", sourceOf(f.advisoryId()));
    vulnerability.put("aliases", aliases(f));
    vulnerability.put("title", f.title());
    vulnerability.put("severity", f.severity().name());
    vulnerability.put("severityRank", f.severity().ordinal());
    vulnerability.put("cvssV3BaseScore", f.score());
    vulnerability.put("patchedVersions", f.fixedVersion());
    vulnerability.put("recommendation", recommendation(f));
    var analysis = new LinkedHashMap<String, Object>();
    analysis.put("state", f.undecidable() ? "IN_TRIAGE" : "NOT_SET");
    analysis.put("isSuppressed", false);
    if (f.undecidable()) analysis.put("detail", f.reason());
    var attribution = new LinkedHashMap<String, Object>();
    attribution.put("analyzerIdentity", "INTERNAL_ANALYZER");
    attribution.put("attributedOn", f.createdAt().toEpochMilli());
    var m = new LinkedHashMap<String, Object>();
    m.put("component", component);
    m.put("vulnerability", vulnerability);
    m.put("analysis", analysis);
    m.put("attribution", attribution);
    m.put("matrix", projectId + ":" + componentId + ":" + vulnerability.get("uuid"));
    return m;
  }

  /** What to do about the finding, in one sentence. */
  public static String recommendation(Finding f) {
    if (f.undecidable()) return "Check manually: " + f.reason();
    if (f.fixedVersion() == null) return "No fixed version is known; apply the advisory's workaround or remove the component.";
    return "Upgrade " + f.componentName() + " from " + f.componentVersion() + " to " + f.fixedVersion() + " or later.";
  }

  /** The source Dependency-Track would name for an id of this form. */
  static String sourceOf(String id) {
    if (id.startsWith("CVE-")) return "NVD";
    if (id.startsWith("GHSA-")) return "GITHUB";
    return "OSV";
  }

  /** Dependency-Track's alias objects: one per alias, keyed by the alias's kind. */
  private static List<Map<String, String>> aliases(Finding f) {
    var out = new ArrayList<Map<String, String>>();
    for (String alias : f.aliases()) {
      var m = new LinkedHashMap<String, String>();
      putId(m, f.advisoryId());
      putId(m, alias);
      out.add(m);
    }
    return out;
  }

  private static void putId(Map<String, String> m, String id) {
    String key = id.startsWith("CVE-") ? "cveId" : id.startsWith("GHSA-") ? "ghsaId"
        : id.startsWith("SNYK-") ? "snykId" : id.startsWith("GSD-") ? "gsdId" : "osvId";
    m.putIfAbsent(key, id);
  }
}
