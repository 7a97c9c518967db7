package io.haetae.engine.advisory;

/**
 * One OSV {@code severity} entry: {@code type} is CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu, ...;
 * {@code score} is the vector string (or the ecosystem's own rating).
 */
public record SeverityScore(String type, String score) {
  public SeverityScore {
    if (type == null || type.isBlank()) throw new IllegalArgumentException("severity type is blank");
    if (score == null || score.isBlank()) throw new IllegalArgumentException("severity score is blank");
  }
}
