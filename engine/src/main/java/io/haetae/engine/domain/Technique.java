package io.haetae.engine.domain;

import java.util.Locale;

/**
 * How an observed domain imitates a protected name, with the score a match of that kind starts
 * from (0..100, before the adjustments {@link LookalikeIndex} makes and reports as reasons).
 * The typo kinds follow dnstwist's fuzzers of the same names.
 */
public enum Technique {
  OMISSION(70), INSERTION(70), ADDITION(60), REPETITION(70), REPLACEMENT(70), TRANSPOSITION(75),
  BITSQUATTING(60), HYPHENATION(70), VOWEL_SWAP(70), HOMOGLYPH(85), TLD_SWAP(80), COMBOSQUATTING(70), SUBDOMAIN(70),
  /** Two edits at once (myehterwaltet): no single fuzzer, found by edit distance. */
  TYPO(55);

  private final int baseScore;

  Technique(int baseScore) {
    this.baseScore = baseScore;
  }

  public int baseScore() {
    return baseScore;
  }

  /** The name in JSON, the API and the database: {@code vowel-swap}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Technique fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
