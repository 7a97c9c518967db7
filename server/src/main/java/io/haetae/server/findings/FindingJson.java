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
    vulnerability.put("uuid", vulnerabilityUuid(f.advisoryId()).toString());
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
    var a = f.assessment();
    analysis.put("state", AnalysisState.of(f).name());
    if (a.justification() != null) analysis.put("justification", Vocabulary.dtJustification(a.justification()));
    if (a.response() != null) analysis.put("response", Vocabulary.dtResponse(a.response()));
    if (a.details() != null) analysis.put("details", a.details());
    analysis.put("isSuppressed", a.suppressed());
    if (f.undecidable()) analysis.put("detail", f.reason());
    // Haetae's additions: the lifecycle state and the deadline (docs/findings.md, docs/deadlines.md).
    analysis.put("findingState", f.state().name());
    if (f.dueDate() != null) analysis.put("dueDate", f.dueDate().toString());
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

  /**
   * The vulnerability's uuid in the Dependency-Track API: derived from the advisory id, so it is
   * the same for every project and stays the same across uploads and restarts.
   */
  public static UUID vulnerabilityUuid(String advisoryId) {
    return UUID.nameUUIDFromBytes(advisoryId.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The component's uuid in the hub's Dependency-Track API: derived from the project and the
   * component's identity (its purl, else group/name@version), so a finding keeps it across SBOM
   * uploads of the same project (Dependency-Track keeps a component's uuid likewise).
   */
  public static UUID componentUuid(UUID projectId, String componentKey) {
    return UUID.nameUUIDFromBytes(("component\n" + projectId + "\n" + componentKey).getBytes(StandardCharsets.UTF_8));
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
