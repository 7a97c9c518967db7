package io.haetae.engine.domain;

import java.util.Collection;

/**
 * Protected labels in an open-addressing table keyed by a 64-bit hash that can be extended one
 * character at a time, so every substring of an observed label is looked up without building
 * a String (combosquatting: {@code kisa-login}, {@code securekisapay}).
 */
final class LabelHashes {

  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long[] keys;
  private final String[] labels;
  private final int mask;
  private final long[] filter;
  private final int filterMask;

  LabelHashes(Collection<String> all) {
    int capacity = Integer.highestOneBit(Math.max(16, all.size() * 3)) << 1;
    keys = new long[capacity];
    labels = new String[capacity];
    mask = capacity - 1;
    int bits = Integer.highestOneBit(Math.max(1 << 12, all.size() * 16)) << 1;
    filter = new long[bits >>> 6];
    filterMask = bits - 1;
    for (String label : all) {
      long h = FNV_OFFSET;
      for (int i = 0; i < label.length(); i++) h = step(h, label.charAt(i));
      long k = mix(h);
      int slot = (int) k & mask;
      while (labels[slot] != null) slot = (slot + 1) & mask;
      keys[slot] = k;
      labels[slot] = label;
      int bit = (int) (k >>> 32) & filterMask;
      filter[bit >>> 6] |= 1L << bit;
    }
  }

  static long step(long h, char c) {
    return (h ^ c) * FNV_PRIME;
  }

  /** murmur3's fmix64: FNV's low bits alone spread poorly. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The protected label equal to text[from, to) whose running hash is state, or null. */
  String find(long state, String text, int from, int to) {
    long k = mix(state);
    int bit = (int) (k >>> 32) & filterMask;
    if ((filter[bit >>> 6] & (1L << bit)) == 0) return null;
    for (int slot = (int) k & mask; labels[slot] != null; slot = (slot + 1) & mask) {
      String l = labels[slot];
      if (keys[slot] == k && l.length() == to - from && text.regionMatches(from, l, 0, l.length())) return l;
    }
    return null;
  }
}
