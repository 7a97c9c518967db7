package io.haetae.engine.domain;

/**
 * Names the typo that turns a protected label into an observed one, in dnstwist's terms
 * (omission, insertion, repetition, replacement and transposition with QWERTY adjacency,
 * bitsquatting, hyphenation, vowel swap, ASCII homoglyph). The index finds candidates by edit
 * distance; this says which fuzzer would have produced them and whether the change is a likely
 * slip (a neighbouring key) or a deliberate look-alike (a glyph, a flipped bit).
 */
final class Typos {

  private static final String[] KEYBOARD = new String[128];
  private static final String[] GLYPHS = new String[128];
  private static final String VOWELS = "aeiou";

  static {
    String[] rows = {"1:2q", "2:3wq1", "3:4ew2", "4:5re3", "5:6tr4", "6:7yt5", "7:8uy6", "8:9iu7", "9:0oi8", "0:po9",
        "q:12wa", "w:3esaq2", "e:4rdsw3", "r:5tfde4", "t:6ygfr5", "y:7uhgt6", "u:8ijhy7", "i:9okju8", "o:0plki9",
        "p:lo0", "a:qwsz", "s:edxzaw", "d:rfcxse", "f:tgvcdr", "g:yhbvft", "h:ujnbgy", "j:ikmnhu", "k:olmji", "l:kop",
        "z:asx", "x:zsdc", "c:xdfv", "v:cfgb", "b:vghn", "n:bhjm", "m:njk"};
    for (String r : rows) KEYBOARD[r.charAt(0)] = r.substring(2);
    String[] glyphs = {"0:o", "1:li", "2:z", "5:s", "6:b", "9:gq", "b:d6", "c:e", "d:b", "e:c", "g:q9", "i:1lj", "j:i",
        "l:1i", "m:n", "n:mr", "o:0", "q:g9", "r:n", "s:5", "u:v", "v:u", "z:2"};
    for (String g : glyphs) GLYPHS[g.charAt(0)] = g.substring(2);
  }

  /** The technique and whether it is a likely one (a keyboard slip or a look-alike). */
  record Kind(Technique technique, boolean likely) {}

  private Typos() {}

  /** Observed o is one edit (OSA) from protected p. */
  static Kind classify(String o, String p) {
    int n = o.length();
    int m = p.length();
    int i = 0;
    while (i < Math.min(n, m) && o.charAt(i) == p.charAt(i)) i++;
    if (n == m - 1) return new Kind(Technique.OMISSION, true);
    if (n == m + 1) {
      char c = o.charAt(i);
      if (i == m) return new Kind(Technique.ADDITION, true);
      if (c == '-') return new Kind(Technique.HYPHENATION, true);
      if ((i > 0 && o.charAt(i - 1) == c) || p.charAt(i) == c) return new Kind(Technique.REPETITION, true);
      return new Kind(Technique.INSERTION, adjacent(p.charAt(i), c) || (i > 0 && adjacent(p.charAt(i - 1), c)));
    }
    if (i + 1 < n && o.charAt(i) == p.charAt(i + 1) && o.charAt(i + 1) == p.charAt(i)) {
      return new Kind(Technique.TRANSPOSITION, true);
    }
    char a = p.charAt(i);
    char b = o.charAt(i);
    if (a < 128 && GLYPHS[a] != null && GLYPHS[a].indexOf(b) >= 0) return new Kind(Technique.HOMOGLYPH, true);
    if (VOWELS.indexOf(a) >= 0 && VOWELS.indexOf(b) >= 0) return new Kind(Technique.VOWEL_SWAP, true);
    if (adjacent(a, b)) return new Kind(Technique.REPLACEMENT, true);
    if (Integer.bitCount(a ^ b) == 1) return new Kind(Technique.BITSQUATTING, true);
    return new Kind(Technique.REPLACEMENT, false);
  }

  private static boolean adjacent(char a, char b) {
    return a < 128 && KEYBOARD[a] != null && KEYBOARD[a].indexOf(b) >= 0;
  }

  /**
   * The label with two-letter look-alikes merged (rn and rr to m, vv to w, cl to d), so paypa1 and
   * exarnple meet their originals in one lookup; null when nothing changed.
   */
  static String glyphKey(String label) {
    StringBuilder out = null;
    int n = label.length();
    for (int i = 0; i < n; i++) {
      char c = label.charAt(i);
      char next = i + 1 < n ? label.charAt(i + 1) : 0;
      char merged = (c == 'r' && (next == 'n' || next == 'r')) ? 'm' : (c == 'v' && next == 'v') ? 'w'
          : (c == 'c' && next == 'l') ? 'd' : 0;
      if (merged != 0) {
        if (out == null) out = new StringBuilder(n).append(label, 0, i);
        out.append(merged);
        i++;
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? null : out.toString();
  }
}
