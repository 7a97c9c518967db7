package io.haetae.server.findings.internal;

import io.haetae.engine.vex.VexStatement;
import io.haetae.server.findings.AnalysisState;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.Vocabulary;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.inventory.Project;
import io.haetae.server.web.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a VEX document's statements to a project's findings, as analyses (docs/findings.md):
 * not_affected -> NOT_AFFECTED, affected/exploitable -> IN_PROGRESS, fixed/resolved -> FIXED,
 * under_investigation/in_triage -> ACKNOWLEDGED. Every statement must name a vulnerability of
 * one of the project's findings and, if it names products, a component of the project: unknown
 * references are all reported in one 400 and nothing is applied. The rest is one transaction.
 */
@Component
class VexImport {

  private static final Pattern QUALIFIERS_AND_SUBPATH = Pattern.compile("[?#].*$");

  /** What an upload did: statements read, findings changed. */
  record Outcome(UUID token, int statements, int findings) {}

  private final FindingRepository repository;
  private final Assessments assessments;
  private final AuditLog audit;

  VexImport(FindingRepository repository, Assessments assessments, AuditLog audit) {
    this.repository = repository;
    this.assessments = assessments;
    this.audit = audit;
  }

  @Transactional
  Outcome apply(Caller caller, Project project, List<VexStatement> statements, String source) {
    List<Finding> findings = repository.allOfProject(TenantScope.writable(caller), project.id());
    var plan = new LinkedHashMap<Finding, VexStatement>();
    var unknown = new ArrayList<String>();
    for (int i = 0; i < statements.size(); i++) {
      VexStatement s = statements.get(i);
      String id = s.vulnerability().toUpperCase(Locale.ROOT);
      var named = findings.stream().filter(f -> f.ids().stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).equals(id)))
          .toList();
      if (named.isEmpty()) {
        unknown.add("statement " + (i + 1) + ": vulnerability '" + s.vulnerability() + "' is not a finding of this project");
        continue;
      }
      var hit = s.products().isEmpty() ? named
          : named.stream().filter(f -> s.products().stream().anyMatch(p -> samePackage(p, f.componentPurl()))).toList();
      if (hit.isEmpty()) {
        unknown.add("statement " + (i + 1) + ": no component of this project is " + String.join(" or ", s.products())
            + " with '" + s.vulnerability() + "'");
        continue;
      }
      hit.forEach(f -> plan.put(f, s));
    }
    if (!unknown.isEmpty()) {
      throw new BadInputException(source + ": " + unknown.size() + " unknown reference(s), nothing applied: "
          + String.join("; ", unknown));
    }
    for (Map.Entry<Finding, VexStatement> e : plan.entrySet()) {
      VexStatement s = e.getValue();
      var decision = new Assessments.Decision(state(s.status()), Vocabulary.storedJustification(s.justification()),
          null, s.detail(), null, null);
      assessments.apply(e.getKey(), decision, caller.name(), "VEX " + source + ": " + s.status().name().toLowerCase(Locale.ROOT)
          + (s.justification() == null ? "" : " (" + s.justification() + ")"));
    }
    audit.record(caller, "vex.upload", project.orgId(), "project " + project.id() + " (" + statements.size()
        + " statements, " + plan.size() + " findings)");
    return new Outcome(UUID.randomUUID(), statements.size(), plan.size());
  }

  static AnalysisState state(VexStatement.Status status) {
    return switch (status) {
      case NOT_AFFECTED -> AnalysisState.NOT_AFFECTED;
      case AFFECTED -> AnalysisState.EXPLOITABLE;
      case FIXED -> AnalysisState.RESOLVED;
      case UNDER_INVESTIGATION -> AnalysisState.IN_TRIAGE;
    };
  }

  /** Qualifiers and subpath do not change the package; a product without version covers every version. */
  static boolean samePackage(String product, String purl) {
    if (purl == null) return false;
    var a = QUALIFIERS_AND_SUBPATH.matcher(product).replaceFirst("").toLowerCase(Locale.ROOT);
    var b = QUALIFIERS_AND_SUBPATH.matcher(purl).replaceFirst("").toLowerCase(Locale.ROOT);
    return a.equals(b) || (!a.contains("@") && b.startsWith(a + "@"));
  }
}
