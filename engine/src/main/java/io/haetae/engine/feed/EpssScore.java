package io.haetae.engine.feed;

import java.time.LocalDate;
import java.util.Objects;

/**
 * FIRST's Exploit Prediction Scoring System for one CVE on one day: the probability of
 * exploitation in the next 30 days ({@code score}, 0..1) and its rank among all CVEs
 * ({@code percentile}, 0..1).
 */
public record EpssScore(String cveId, double score, double percentile, LocalDate date, String modelVersion) {

  public EpssScore {
    Objects.requireNonNull(cveId, "cveId");
    if (score < 0 || score > 1) throw new IllegalArgumentException("epss score out of 0..1: " + score);
    if (percentile < 0 || percentile > 1) throw new IllegalArgumentException("percentile out of 0..1: " + percentile);
  }
}
