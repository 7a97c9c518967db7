package io.haetae.server.selfcheck.internal;

import io.haetae.engine.advisory.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The uploaded SBOMs and lockfiles matched against the knowledge base. Signals:
 * {@code inventory} (a component list was given), {@code kev-or-critical} (a component has an
 * open vulnerability CISA lists as exploited, or rated critical), {@code high} (one rated high).
 */
record SbomEvidence(int files, int components, int unmatched, List<ScanFinding> findings) implements Evidence {

  /** One open vulnerability of one component, with what KEV and EPSS say and the upgrade that clears its component. */
  record ScanFinding(String component, String group, String version, String purl, String advisoryId,
      List<String> aliases, String title, Severity severity, Double cvss, boolean kev, Double epss,
      String fixedVersion, String upgradeTo, boolean undecidable, String reason) {

    String label() {
      return (group == null ? "" : group + ":") + component + " " + version;
    }
  }

  SbomEvidence {
    findings = List.copyOf(findings);
  }

  @Override
  public String kind() {
    return "sbom";
  }

  @Override
  public Map<String, List<String>> signals() {
    var out = new LinkedHashMap<String, List<String>>();
    out.put("inventory", List.of(components + " components"));
    var urgent = new LinkedHashSet<String>();
    var high = new LinkedHashSet<String>();
    for (ScanFinding f : findings) {
      if (f.undecidable()) continue;
      if (f.kev() || f.severity() == Severity.CRITICAL) urgent.add(f.label());
      else if (f.severity() == Severity.HIGH) high.add(f.label());
    }
    if (!urgent.isEmpty()) out.put("kev-or-critical", new ArrayList<>(urgent));
    if (!high.isEmpty()) out.put("high", new ArrayList<>(high));
    return out;
  }

  @Override
  public Map<String, Object> summary() {
    var out = new LinkedHashMap<String, Object>();
    out.put("kind", kind());
    out.put("files", files);
    out.put("components", components);
    out.put("unmatched", unmatched);
    out.put("findings", findings.size());
    out.put("vulnerableComponents", findings.stream().map(ScanFinding::purl).distinct().count());
    out.put("kev", findings.stream().filter(ScanFinding::kev).map(ScanFinding::advisoryId).distinct().count());
    return out;
  }
}
