package io.haetae.engine.advisory;

import java.util.Optional;

/**
 * One CVSS vector with the base score computed from it (us.springett cvss-calculator) and its
 * FIRST severity band; feeds' own {@code baseScore} fields are not trusted, they drift from the
 * vectors.
 *
 * <pre>{@code
 * CvssScore.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")  // 3.1, 9.8, CRITICAL
 * }</pre>
 */
public record CvssScore(String version, String vector, double baseScore, Severity severity) {

  /** The score of a v2, v3.0, v3.1 or v4.0 vector; empty when it does not parse. */
  public static Optional<CvssScore> of(String vector) {
    return SeverityRating.ofVector(vector)
        .map(r -> new CvssScore(versionOf(r.vector()), r.vector(), r.score(), r.severity()));
  }

  /** "3.1" for "CVSS:3.1/...", "4.0" for "CVSS:4.0/...", "2.0" for a prefix-less (v2) vector. */
  public static String versionOf(String vector) {
    if (vector.startsWith("CVSS:")) {
      int slash = vector.indexOf('/');
      return vector.substring(5, slash < 0 ? vector.length() : slash);
    }
    return "2.0";
  }
}
