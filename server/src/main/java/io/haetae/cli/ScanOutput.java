package io.haetae.cli;

import io.haetae.engine.advisory.Severity;
import io.haetae.engine.match.SbomScan;
import io.haetae.engine.vex.VexStatement;
import io.haetae.engine.vex.VexWriter;
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

  static String table(List<Finding> findings, Map<Finding, VexStatement> suppressed, SbomScan scan) {
    var out = new StringBuilder();
    var shown = findings.stream().filter(f -> !suppressed.containsKey(f)).toList();
    if (!shown.isEmpty()) {
      out.append(String.format("%-10s %-22s %-50s %-16s %s%n", "SEVERITY", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED"));
      for (var f : shown) {
        out.append(String.format("%-10s %-22s %-50s %-16s %s%n", f.severity(), f.advisoryId(),
            packageName(f), f.componentVersion(), f.undecidable() ? "? " + f.reason() : f.fixedVersion() == null ? "-" : f.fixedVersion()));
      }
    }
    out.append(String.format("%d findings in %d of %d components; %d suppressed by VEX; %d components cannot be matched%n",
        shown.size(), shown.stream().map(Finding::componentPurl).distinct().count(), scan.components(),
        suppressed.size(), scan.unmatched().size()));
    suppressed.forEach((f, s) -> out.append("  suppressed: ").append(suppressedLabel(f, s)).append('\n'));
    for (var u : scan.unmatched()) out.append("  unmatched: ").append(label(u)).append('\n');
    return out.toString();
  }

  static void notesTo(PrintStream err, Map<Finding, VexStatement> suppressed, SbomScan scan) {
    suppressed.forEach((f, s) -> err.println("haetae scan: suppressed: " + suppressedLabel(f, s)));
    for (var u : scan.unmatched()) err.println("haetae scan: unmatched: " + label(u));
  }

  private static String suppressedLabel(Finding f, VexStatement s) {
    return f.advisoryId() + " in " + packageName(f) + " " + f.componentVersion() + ": " + s.reason();
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
  static String json(List<Finding> findings, java.util.Set<Finding> suppressed) {
    var list = new ArrayList<Map<String, Object>>();
    // As the hub's list, suppressed findings are left out (they go to standard error).
    for (var f : findings) {
      if (suppressed.contains(f)) continue;
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
  static String sarif(List<Finding> findings, Map<Finding, VexStatement> suppressed, Map<String, String> origins,
      String location) {
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
      // Code scanning shows a suppressed result as dismissed, with the VEX reason.
      if (suppressed.containsKey(f)) {
        result.put("suppressions", List.of(Map.of("kind", "external", "justification", suppressed.get(f).reason())));
      }
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

  /** CycloneDX VEX of the scan: suppressed findings keep their statement, the rest are affected or in triage. */
  static byte[] vex(String project, List<Finding> findings, Map<Finding, VexStatement> suppressed) {
    var statements = new ArrayList<VexStatement>();
    for (var f : findings) {
      var products = List.of(f.componentPurl());
      var given = suppressed.get(f);
      if (given != null) {
        statements.add(new VexStatement(f.advisoryId(), products, given.status(), given.justification(), given.detail()));
      } else if (f.undecidable()) {
        statements.add(new VexStatement(f.advisoryId(), products, VexStatement.Status.UNDER_INVESTIGATION, null, f.reason()));
      } else {
        statements.add(new VexStatement(f.advisoryId(), products, VexStatement.Status.AFFECTED, null,
            FindingJson.recommendation(f)));
      }
    }
    return VexWriter.cycloneDx(project, statements);
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
