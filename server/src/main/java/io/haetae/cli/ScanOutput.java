package io.haetae.cli;

import io.haetae.engine.advisory.Severity;
import io.haetae.engine.match.SbomScan;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The three shapes of {@code haetae scan}'s result: a table for people, JSON and SARIF for tools. */
final class ScanOutput {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  /** Offline there is no project; one fixed id keeps the output stable between runs. */
  private static final UUID LOCAL_PROJECT = UUID.nameUUIDFromBytes("haetae-scan".getBytes(StandardCharsets.UTF_8));

  private ScanOutput() {}

  static String table(List<Finding> findings, SbomScan scan) {
    var out = new StringBuilder();
    if (!findings.isEmpty()) {
      out.append(String.format("%-10s %-22s %-50s %-16s %s%n", "SEVERITY", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED"));
      for (var f : findings) {
        out.append(String.format("%-10s %-22s %-50s %-16s %s%n", f.severity(), f.advisoryId(),
            packageName(f), f.componentVersion(), f.undecidable() ? "? " + f.reason() : f.fixedVersion() == null ? "-" : f.fixedVersion()));
      }
    }
    out.append(String.format("%d findings in %d of %d components; %d components cannot be matched%n", findings.size(),
        findings.stream().map(Finding::componentPurl).distinct().count(), scan.components(), scan.unmatched().size()));
    for (var u : scan.unmatched()) out.append("  unmatched: ").append(label(u)).append('\n');
    return out.toString();
  }

  static void unmatchedTo(PrintStream err, SbomScan scan) {
    for (var u : scan.unmatched()) err.println("haetae scan: unmatched: " + label(u));
  }

  private static String label(SbomScan.Unmatched u) {
    var c = u.component();
    return (c.group() == null ? "" : c.group() + "/") + c.name() + (c.version() == null ? "" : "@" + c.version())
        + " (" + u.reason() + ")";
  }

  private static String packageName(Finding f) {
    return f.componentGroup() == null ? f.componentName() : f.componentGroup() + ":" + f.componentName();
  }

  /** The hub's finding list, the same JSON as GET /api/v1/finding/project/{uuid}. */
  static String json(List<Finding> findings, SbomScan scan) {
    var list = new ArrayList<Map<String, Object>>();
    for (var f : findings) {
      var componentId = UUID.nameUUIDFromBytes(f.componentPurl().getBytes(StandardCharsets.UTF_8));
      list.add(FindingJson.of(LOCAL_PROJECT, componentId, f));
    }
    return JSON.writeValueAsString(list);
  }

  /**
   * SARIF 2.1.0 as GitHub and GitLab code scanning read it: one rule per advisory (with
   * {@code security-severity}, which GitHub ranks by), one result per finding, located at the
   * lockfile or SBOM the package came from.
   */
  static String sarif(List<Finding> findings, Map<String, String> origins, String location) {
    var rules = new LinkedHashMap<String, Map<String, Object>>();
    var results = new ArrayList<Map<String, Object>>();
    for (var f : findings) {
      rules.computeIfAbsent(f.advisoryId(), id -> rule(f));
      var result = new LinkedHashMap<String, Object>();
      result.put("ruleId", f.advisoryId());
      result.put("level", level(f.severity()));
      result.put("message", Map.of("text", packageName(f) + " " + f.componentVersion() + " is affected by "
          + f.advisoryId() + (f.title() == null || f.title().isBlank() ? "" : ": " + f.title()) + ". "
          + FindingJson.recommendation(f)));
      result.put("locations", List.of(Map.of("physicalLocation", Map.of("artifactLocation",
          Map.of("uri", origins.getOrDefault(f.componentPurl(), location))))));
      result.put("partialFingerprints", Map.of("haetae/v1", f.componentPurl() + "|" + f.advisoryId()));
      results.add(result);
    }
    var driver = new LinkedHashMap<String, Object>();
    driver.put("name", "Haetae");
    driver.put("informationUri", "https://github.com/haetae/haetae");
    driver.put("version", "0.1.0");
    driver.put("rules", List.copyOf(rules.values()));
    var run = new LinkedHashMap<String, Object>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    var sarif = new LinkedHashMap<String, Object>();
    sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    sarif.put("version", "2.1.0");
    sarif.put("runs", List.of(run));
    return JSON.writeValueAsString(sarif);
  }

  private static Map<String, Object> rule(Finding f) {
    var rule = new LinkedHashMap<String, Object>();
    rule.put("id", f.advisoryId());
    rule.put("shortDescription", Map.of("text", f.title() == null || f.title().isBlank() ? f.advisoryId() : f.title()));
    rule.put("helpUri", "https://osv.dev/vulnerability/" + f.advisoryId());
    rule.put("defaultConfiguration", Map.of("level", level(f.severity())));
    var properties = new LinkedHashMap<String, Object>();
    properties.put("tags", List.of("security", "vulnerability"));
    if (f.score() != null) properties.put("security-severity", String.valueOf(f.score()));
    rule.put("properties", properties);
    return rule;
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO, UNASSIGNED -> "note";
    };
  }
}
