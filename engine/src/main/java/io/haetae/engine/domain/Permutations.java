package io.haetae.engine.domain;

import java.util.function.BiConsumer;

/**
 * dnstwist's typo fuzzers on one ASCII label (QWERTY adjacency; Korean keyboards use the QWERTY
 * layout for Latin letters). The homoglyph fuzzer here is the ASCII-only part ({@code rn}/{@code m},
 * {@code l}/{@code 1}); non-ASCII look-alikes are caught through confusable skeletons instead.
 * Variants may repeat; the index deduplicates.
 */
final class Permutations {

  private static final String[] KEYBOARD = new String[128];
  private static final String[][] GLYPHS = new String[128][];
  private static final String[][] GLYPH_PAIRS = {{"rn", "m"}, {"nn", "m"}, {"rr", "m"}, {"vv", "w"}, {"cl", "d"},
      {"lc", "k"}, {"lk", "k"}, {"ii", "u"}};
  private static final String LDH = "abcdefghijklmnopqrstuvwxyz0123456789-";
  private static final String VOWELS = "aeiou";

  static {
    String[] rows = {"1:2q", "2:3wq1", "3:4ew2", "4:5re3", "5:6tr4", "6:7yt5", "7:8uy6", "8:9iu7", "9:0oi8", "0:po9",
        "q:12wa", "w:3esaq2", "e:4rdsw3", "r:5tfde4", "t:6ygfr5", "y:7uhgt6", "u:8ijhy7", "i:9okju8", "o:0plki9",
        "p:lo0", "a:qwsz", "s:edxzaw", "d:rfcxse", "f:tgvcdr", "g:yhbvft", "h:ujnbgy", "j:ikmnhu", "k:olmji", "l:kop",
        "z:asx", "x:zsdc", "c:xdfv", "v:cfgb", "b:vghn", "n:bhjm", "m:njk"};
    for (String r : rows) KEYBOARD[r.charAt(0)] = r.substring(2);
    String[] glyphs = {"0:o", "1:l,i", "2:z", "5:s", "b:d,lb,6", "c:e", "d:b,cl,dl", "e:c", "g:q,9", "h:lh", "i:1,l,j",
        "j:i", "k:lk,ik,lc", "l:1,i", "m:n,nn,rn,rr", "n:m,r", "o:0", "q:g", "s:5", "u:v", "v:u", "w:vv", "z:2"};
    for (String g : glyphs) GLYPHS[g.charAt(0)] = g.substring(2).split(",");
  }

  private Permutations() {}

  /** Every variant of {@code label} with the fuzzer that made it. */
  static void generate(String label, BiConsumer<String, Technique> out) {
    int n = label.length();
    var sb = new StringBuilder(n + 2);
    for (int i = 0; i < n; i++) {
      char c = label.charAt(i);
      emit(out, label.substring(0, i) + label.substring(i + 1), Technique.OMISSION);
      emit(out, label.substring(0, i + 1) + c + label.substring(i + 1), Technique.REPETITION);
      String keys = c < 128 ? KEYBOARD[c] : null;
      if (keys != null) {
        for (int k = 0; k < keys.length(); k++) {
          emit(out, replace(sb, label, i, keys.charAt(k)), Technique.REPLACEMENT);
          if (i > 0 && i < n - 1) {
            emit(out, label.substring(0, i) + keys.charAt(k) + label.substring(i), Technique.INSERTION);
            emit(out, label.substring(0, i + 1) + keys.charAt(k) + label.substring(i + 1), Technique.INSERTION);
          }
        }
      }
      if (i < n - 1 && c != label.charAt(i + 1)) {
        sb.setLength(0);
        sb.append(label, 0, i).append(label.charAt(i + 1)).append(c).append(label, i + 2, n);
        emit(out, sb.toString(), Technique.TRANSPOSITION);
      }
      for (int bit = 0; bit < 8; bit++) {
        char flipped = (char) (c ^ (1 << bit));
        if (LDH.indexOf(flipped) >= 0) emit(out, replace(sb, label, i, flipped), Technique.BITSQUATTING);
      }
      if (i > 0) emit(out, label.substring(0, i) + '-' + label.substring(i), Technique.HYPHENATION);
      if (VOWELS.indexOf(c) >= 0) {
        for (int v = 0; v < VOWELS.length(); v++) {
          if (VOWELS.charAt(v) != c) emit(out, replace(sb, label, i, VOWELS.charAt(v)), Technique.VOWEL_SWAP);
        }
      }
      String[] glyphs = c < 128 ? GLYPHS[c] : null;
      if (glyphs != null) {
        for (String g : glyphs) emit(out, label.substring(0, i) + g + label.substring(i + 1), Technique.HOMOGLYPH);
      }
    }
    for (String[] pair : GLYPH_PAIRS) {
      for (int at = label.indexOf(pair[1]); at >= 0; at = label.indexOf(pair[1], at + 1)) {
        emit(out, label.substring(0, at) + pair[0] + label.substring(at + pair[1].length()), Technique.HOMOGLYPH);
      }
      for (int at = label.indexOf(pair[0]); at >= 0; at = label.indexOf(pair[0], at + 1)) {
        emit(out, label.substring(0, at) + pair[1] + label.substring(at + pair[0].length()), Technique.HOMOGLYPH);
      }
    }
    for (int a = 0; a < 36; a++) emit(out, label + LDH.charAt(a), Technique.ADDITION);
  }

  private static String replace(StringBuilder sb, String s, int i, char c) {
    sb.setLength(0);
    return sb.append(s, 0, i).append(c).append(s, i + 1, s.length()).toString();
  }

  private static void emit(BiConsumer<String, Technique> out, String variant, Technique t) {
    if (variant.isEmpty() || variant.charAt(0) == '-' || variant.charAt(variant.length() - 1) == '-') return;
    out.accept(variant, t);
  }
}
