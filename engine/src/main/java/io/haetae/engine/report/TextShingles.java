package io.haetae.engine.report;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a report that carry its meaning, as 64-bit hashes: lower-cased, NFKC, split on
 * anything that is not a letter, digit or underscore (so {@code parse_header} stays one word),
 * function words dropped, English endings and Korean particles cut so that "overflows",
 * "overflowing" and "overflow" (and "버퍼가", "버퍼를") count as one. Single words rather than
 * word n-grams: a report "in other words" keeps its nouns but not their order.
 */
final class TextShingles {

  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "by", "with",
      "is", "are", "was", "be", "been", "this", "that", "these", "it", "its", "as", "at", "from", "which", "when", "can",
      "could", "may", "might", "allows", "allow", "via", "into", "not", "no", "if", "then", "than", "so", "such", "has",
      "have", "had", "there", "their", "they", "he", "she", "we", "you", "i", "our", "your", "any", "all", "some", "also",
      "version", "versions", "package", "library", "vulnerability", "vulnerable", "issue", "attacker", "remote", "user");
  private static final List<String> SUFFIXES = List.of("ing", "ed", "es", "s", "ly");
  private static final List<String> PARTICLES = List.of("에서", "으로", "이", "가", "을", "를", "은", "는", "의", "에", "로",
      "와", "과", "도", "만");

  private TextShingles() {}

  static Set<Long> of(String text) {
    var out = new HashSet<Long>();
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (String word : normal.split("[^\\p{L}\\p{N}_]+")) {
      if (word.isEmpty() || STOP.contains(word)) continue;
      String stem = stem(word);
      if (stem.length() < 2) continue;
      out.add(hash(stem));
    }
    return out;
  }

  private static String stem(String word) {
    boolean hangul = Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HANGUL;
    for (String s : hangul ? PARTICLES : SUFFIXES) {
      if (word.length() > s.length() + (hangul ? 1 : 3) && word.endsWith(s)) return word.substring(0, word.length() - s.length());
    }
    return word;
  }

  /** FNV-1a over the UTF-16 units, finished with a 64-bit mix: stable across runs, unlike String.hashCode's 32 bits. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
