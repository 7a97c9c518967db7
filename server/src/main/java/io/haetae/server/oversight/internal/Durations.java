package io.haetae.server.oversight.internal;

import java.time.Duration;
import java.util.Map;

/**
 * The buckets durations are counted in, and percentiles read back from bucket counts. Bucket
 * {@code i} holds durations d with {@code BOUNDS[i] <= d < BOUNDS[i + 1]} (seconds); the last
 * is open-ended. A percentile is interpolated linearly inside the bucket it falls in, so it is
 * exact to within that bucket's width (an hour below a day, a day below a month).
 */
final class Durations {

  private static final long M = 60, H = 3600, D = 86_400;

  static final long[] BOUNDS = {
      0, 5 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 4 * H, 6 * H, 8 * H, 12 * H, 18 * H,
      D, 2 * D, 3 * D, 4 * D, 5 * D, 6 * D, 7 * D, 10 * D, 14 * D, 21 * D, 30 * D, 45 * D, 60 * D,
      90 * D, 120 * D, 180 * D, 270 * D, 365 * D, 545 * D, 730 * D};

  private Durations() {}

  /** The bucket a duration falls in; a negative duration (clock skew, a back-dated record) counts as zero. */
  static int bucketOf(Duration d) {
    long s = Math.max(0, d.toSeconds());
    for (int i = BOUNDS.length - 1; i > 0; i--) if (s >= BOUNDS[i]) return i;
    return 0;
  }

  static long upper(int bucket) {
    return bucket + 1 < BOUNDS.length ? BOUNDS[bucket + 1] : BOUNDS[bucket] * 3 / 2;
  }

  /** The q-quantile (0..1) in seconds of the counted durations; null when none were counted. */
  static Long percentile(Map<Integer, Long> counts, double q) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) return null;
    double rank = q * total;
    long below = 0;
    for (int b = 0; b < BOUNDS.length; b++) {
      long n = counts.getOrDefault(b, 0L);
      if (n == 0) continue;
      if (below + n >= rank) {
        double within = (rank - below) / n;
        return Math.round(BOUNDS[b] + within * (upper(b) - BOUNDS[b]));
      }
      below += n;
    }
    return BOUNDS[BOUNDS.length - 1];
  }

  /** Median and 90th percentile in seconds (null when nothing was counted), and how many were counted. */
  record Spread(Long median, Long p90, long count) {
    static Spread of(Map<Integer, Long> counts) {
      return new Spread(percentile(counts, 0.5), percentile(counts, 0.9),
          counts.values().stream().mapToLong(Long::longValue).sum());
    }
  }
}
