package io.haetae.engine.advisory;

/** Severity bands, ordered from worst to least; the names are the ones Dependency-Track uses. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED;

  /** The band of a CVSS v3/v4 base score (FIRST's qualitative rating scale). */
  public static Severity ofCvssScore(double score) {
    if (score >= 9.0) return CRITICAL;
    if (score >= 7.0) return HIGH;
    if (score >= 4.0) return MEDIUM;
    if (score > 0.0) return LOW;
    return INFO;
  }
}
