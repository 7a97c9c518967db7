package io.haetae.engine.report;

import java.util.Locale;

/**
 * What clustering needs of one report: its id, the package it names (an ecosystem, or a purl
 * type, and a normalised name), the affected versions as a canonical key, the weakness (CWE id,
 * null when the reporter gave none) and its text (title and description).
 *
 * <pre>{@code
 * new ReportSketch("r1", "npm", "libfoo", "SEMVER:introduced=0,fixed=1.2.0", "CWE-787", "Heap overflow ...")
 * }</pre>
 */
public record ReportSketch(String id, String ecosystem, String packageName, String versions, String cwe, String text) {

  public ReportSketch {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("report id is blank");
    if (packageName == null || packageName.isBlank()) throw new IllegalArgumentException("report " + id + " names no package");
    ecosystem = ecosystem == null ? "" : ecosystem.toLowerCase(Locale.ROOT);
    packageName = packageName.strip().toLowerCase(Locale.ROOT);
    versions = versions == null ? "" : versions.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    cwe = cwe == null || cwe.isBlank() ? null : cwe.strip().toUpperCase(Locale.ROOT);
    text = text == null ? "" : text;
  }

  /** Reports of different packages are never duplicates: every comparison stays inside one package. */
  public String packageKey() {
    return ecosystem + "\u0000" + packageName;
  }
}
