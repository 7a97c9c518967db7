package io.haetae.engine.domain;

import java.util.Arrays;

/**
 * A multimap from a 39-bit string hash to 24-bit payloads, packed one entry per long and sorted,
 * with a directory on the hash's top bits and a one-probe bit filter in front that fits in the
 * CPU caches, so most lookups of an observed label's variants cost one cached memory read.
 * Collisions are possible by design: callers confirm every hit against the real strings.
 */
final class PackedTable {

  static final int HASH_BITS = 39;
  private static final int DIRECTORY_BITS = 20;

  private final long[] entries;
  private final int[] directory;
  private final long[] filter;
  private final int filterMask;

  private PackedTable(long[] sorted) {
    this.entries = sorted;
    this.directory = new int[(1 << DIRECTORY_BITS) + 1];
    int shift = 24 + HASH_BITS - DIRECTORY_BITS;
    int i = 0;
    for (int b = 0; b < (1 << DIRECTORY_BITS); b++) {
      directory[b] = i;
      while (i < sorted.length && (int) (sorted[i] >>> shift) == b) i++;
    }
    directory[1 << DIRECTORY_BITS] = sorted.length;
    int bits = Integer.highestOneBit(Math.max(1 << 16, sorted.length * 8)) << 1;
    filter = new long[bits >>> 6];
    filterMask = bits - 1;
    for (long e : sorted) {
      int bit = (int) (e >>> 24) & filterMask;
      filter[bit >>> 6] |= 1L << bit;
    }
  }

  private static final long BASE = 0x9E3779B97F4A7C15L;

  /**
   * Hash of s without the characters at skip1 and skip2 (-1: none), HASH_BITS wide: a polynomial
   * in BASE (mod 2^64), mixed, so that {@link #deletionHashes} gets all n one-deletions in O(n).
   */
  static long hash(String s, int skip1, int skip2) {
    long h = 0;
    for (int i = 0; i < s.length(); i++) if (i != skip1 && i != skip2) h = h * BASE + s.charAt(i) + 1;
    return LabelHashes.mix(h) >>> (64 - HASH_BITS);
  }

  /** out[0] = hash(s), out[i + 1] = hash of s without character i; out has room for n + 1. */
  static void deletionHashes(String s, long[] out) {
    int n = s.length();
    long[] suffix = new long[n + 1];
    long[] pow = new long[n + 1];
    pow[0] = 1;
    for (int i = 1; i <= n; i++) pow[i] = pow[i - 1] * BASE;
    for (int i = n - 1; i >= 0; i--) suffix[i] = (s.charAt(i) + 1) * pow[n - 1 - i] + suffix[i + 1];
    long prefix = 0;
    for (int i = 0; i < n; i++) {
      out[i + 1] = LabelHashes.mix(prefix * pow[n - 1 - i] + suffix[i + 1]) >>> (64 - HASH_BITS);
      prefix = prefix * BASE + s.charAt(i) + 1;
    }
    out[0] = LabelHashes.mix(prefix) >>> (64 - HASH_BITS);
  }

  /**
   * The hashes of s without characters i and j, for every i < j, in O(1) each from prefix hashes
   * (the polynomial hash is a ring map modulo 2^64, so the pieces add up to {@link #hash}).
   */
  static void doubleDeletionHashes(String s, java.util.function.LongConsumer out) {
    int n = s.length();
    long[] prefix = new long[n + 1];
    long[] pow = new long[n + 1];
    pow[0] = 1;
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] * BASE + s.charAt(i) + 1;
      pow[i + 1] = pow[i] * BASE;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        long middle = prefix[j] - prefix[i + 1] * pow[j - i - 1];
        long tail = prefix[n] - prefix[j + 1] * pow[n - 1 - j];
        long h = (prefix[i] * pow[j - i - 1] + middle) * pow[n - 1 - j] + tail;
        out.accept(LabelHashes.mix(h) >>> (64 - HASH_BITS));
      }
    }
  }

  static long pack(long hash, int payload) {
    return (hash << 24) | payload;
  }

  /** Whether the hash may be present (no false negatives). */
  boolean mayContain(long hash) {
    int bit = (int) hash & filterMask;
    return (filter[bit >>> 6] & (1L << bit)) != 0;
  }

  /** Index range [from, to) of entries to scan for hash; check {@link #hashAt} per entry. */
  int from(long hash) {
    return directory[(int) (hash >>> (HASH_BITS - DIRECTORY_BITS))];
  }

  int to(long hash) {
    return directory[(int) (hash >>> (HASH_BITS - DIRECTORY_BITS)) + 1];
  }

  long hashAt(int i) {
    return entries[i] >>> 24;
  }

  int payloadAt(int i) {
    return (int) (entries[i] & 0xFFFFFF);
  }

  int size() {
    return entries.length;
  }

  long bytes() {
    return entries.length * 8L + directory.length * 4L + filter.length * 8L;
  }

  /** Collects packed entries, then sorts and deduplicates them into a table. */
  static final class Builder {
    private long[] a = new long[1024];
    private int n;

    void add(long hash, int payload) {
      if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[n++] = pack(hash, payload);
    }

    PackedTable build() {
      Arrays.parallelSort(a, 0, n);
      int w = 0;
      for (int r = 0; r < n; r++) if (w == 0 || a[w - 1] != a[r]) a[w++] = a[r];
      long[] out = Arrays.copyOf(a, w);
      a = null;
      return new PackedTable(out);
    }
  }
}
