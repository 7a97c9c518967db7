package io.haetae.engine.report;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a report that carry its meaning, as 64-bit hashes: lower-cased, NFKC, split on
 * anything that is not a letter, digit or underscore (so {@code parse_header} stays one word),
 * function words dropped, underscores removed ({@code parse_header} is {@code parseHeader}),
 * English endings and Korean particles cut so that "overflows",
 * "overflowing" and "overflow" (and "버퍼가", "버퍼를") count as one. Single words rather than
 * word n-grams: a report "in other words" keeps its nouns but not their order.
 */
final class TextShingles {

  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "by", "with",
      "is", "are", "was", "be", "been", "this", "that", "these", "it", "its", "as", "at", "from", "which", "when", "can",
      "could", "may", "might", "allows", "allow", "via", "into", "not", "no", "if", "then", "than", "so", "such", "has",
      "have", "had", "there", "their", "they", "he", "she", "we", "you", "i", "our", "your", "any", "all", "some", "also",
      "version", "versions", "package", "library", "vulnerability", "vulnerable", "issue", "attacker", "remote", "user");
  private static final List<String> SUFFIXES = List.of("ing", "ed", "ly");
  private static final List<String> PARTICLES = List.of("에서", "으로", "이", "가", "을", "를", "은", "는", "의", "에", "로",
      "와", "과", "도", "만");

  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\\.|::|->)[A-Za-z_$][A-Za-z0-9_$]*)*");

  private TextShingles() {}

  /**
   * The code identifiers a text names: words with an underscore or an inner capital
   * ({@code parse_header}, {@code parseHeader}), dotted paths and {@code name()} calls. Two
   * reports naming different functions are different flaws however alike their prose.
   */
  static Set<Long> identifiers(String text) {
    var out = new HashSet<Long>();
    var m = IDENTIFIER.matcher(text);
    while (m.find()) {
      String w = m.group();
      boolean call = m.end() + 1 < text.length() && text.charAt(m.end()) == '(' && text.charAt(m.end() + 1) == ')';
      boolean code = w.indexOf('_') > 0 || w.contains(".") || w.contains("::") || w.contains("->") || call
          || (w.length() > 2 && !w.chars().skip(1).allMatch(Character::isLowerCase) && Character.isLowerCase(w.charAt(0)));
      // A sentence end ("server. The") is not a dotted path.
      if (w.contains(".") && !w.contains("_") && !Character.isLowerCase(w.charAt(w.lastIndexOf('.') + 1))) code = call;
      if (code && w.length() >= 3) out.add(hash(w.toLowerCase(Locale.ROOT).replace("_", "")));
    }
    return out;
  }

  static Set<Long> of(String text) {
    var out = new HashSet<Long>();
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (String word : normal.split("[^\\p{L}\\p{N}_]+")) {
      if (word.isEmpty() || STOP.contains(word)) continue;
      // parse_header and parseHeader are one word.
      String stem = stem(word.replace("_", ""));
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
    if (hangul || word.length() < 4 || !word.endsWith("s") || word.endsWith("ss")) return word;
    // "crashes" and "boxes" lose "es", "frames" and "overflows" only "s".
    boolean sibilant = word.endsWith("es") && "sxzh".indexOf(word.charAt(word.length() - 3)) >= 0;
    return word.substring(0, word.length() - (sibilant ? 2 : 1));
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
