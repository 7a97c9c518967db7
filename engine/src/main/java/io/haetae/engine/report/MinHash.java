package io.haetae.engine.report;

import java.util.Set;

/**
 * MinHash signatures (Broder 1997): the share of equal positions of two signatures estimates the
 * Jaccard similarity of the two word sets, with a standard error of about sqrt(J(1-J)/K).
 * {@link #K} = 126 positions are cut into {@link #BANDS} bands of {@link #ROWS} for
 * locality-sensitive hashing: two texts of similarity 0.5 share a band with probability
 * 1-(1-0.5^3)^42 = 0.996, two of 0.2 with 0.29, so almost every pair worth checking is checked.
 */
final class MinHash {

  static final int ROWS = 3;
  static final int BANDS = 42;
  static final int K = ROWS * BANDS;
  private static final long[] SEEDS = new long[K];

  static {
    long s = 0x9e3779b97f4a7c15L;
    for (int i = 0; i < K; i++) SEEDS[i] = TextShingles.mix(s += 0x9e3779b97f4a7c15L);
  }

  private MinHash() {}

  /** The signature of a word set; an empty set gets all-max values (similar to nothing but another empty text). */
  static long[] signature(Set<Long> shingles) {
    long[] sig = new long[K];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long h : shingles) {
      for (int i = 0; i < K; i++) {
        long v = TextShingles.mix(h ^ SEEDS[i]);
        if (v < sig[i]) sig[i] = v;
      }
    }
    return sig;
  }

  static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < K; i++) if (a[i] == b[i]) same++;
    return same / (double) K;
  }

  /** The key of band {@code band}: its rows hashed together. */
  static long band(long[] sig, int band) {
    long h = band;
    for (int r = 0; r < ROWS; r++) h = TextShingles.mix(h * 31 + sig[band * ROWS + r]);
    return h;
  }
}
