package io.haetae.engine.version;

import java.util.Arrays;

/**
 * Alpine versions as current apk-tools orders them ({@code src/version.c}):
 * {@code digit{.digit}...{letter}{_suffix{N}}...{~hash}{-rN}}. Parsing runs apk's tokenizer
 * once and keeps each token's type and span; comparing walks the tokens pairwise as
 * {@code apk_version_compare} does. Suffixes alpha, beta, pre, rc sort before the plain
 * version, cvs, svn, git, hg, p after it; a dotted number with a leading zero compares as a
 * string (as Gentoo does). Numbers compare exactly at any length (apk keeps a uint64).
 *
 * <pre>{@code
 * ApkScheme.INSTANCE.compare("1.2.3_rc1-r0", "1.2.3-r0") // -1
 * }</pre>
 */
final class ApkScheme implements VersionScheme {

  static final ApkScheme INSTANCE = new ApkScheme();

  /** Not an apk limit; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  // Token types in the order apk allows them to follow each other.
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  // Suffix values; NONE is where a version without suffix sits.
  private static final String[] SUFFIXES = {"", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
  private static final int SUFFIX_INVALID = 0;
  private static final int SUFFIX_NONE = 5;

  private ApkScheme() {}

  @Override
  public String name() {
    return "Alpine (apk)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    InvalidVersionException.requireBounded(text, MAX_LENGTH);
    int cap = 8;
    int[] types = new int[cap];
    int[] starts = new int[cap];
    int[] ends = new int[cap];
    int[] suffixes = new int[cap];
    int n = 0;
    // token_first: an initial number, then token_next until END or INVALID (apk_version_validate).
    int pos = digitsEnd(text, 0);
    int type = pos == 0 ? INVALID : INITIAL_DIGIT;
    int start = 0;
    int suffix = 0;
    while (true) {
      if (n == cap) {
        cap *= 2;
        types = Arrays.copyOf(types, cap);
        starts = Arrays.copyOf(starts, cap);
        ends = Arrays.copyOf(ends, cap);
        suffixes = Arrays.copyOf(suffixes, cap);
      }
      types[n] = type;
      starts[n] = start;
      ends[n] = pos;
      suffixes[n] = suffix;
      n++;
      if (type == END) break;
      if (type == INVALID) throw new InvalidVersionException(text, "not a valid Alpine package version");
      // token_next
      if (pos == text.length()) {
        type = END;
        start = pos;
        continue;
      }
      char c = text.charAt(pos);
      if (c >= 'a' && c <= 'z') {
        type = type > DIGIT ? INVALID : LETTER;
        start = pos;
        pos++;
      } else if (c == '.' || Numerals.isDigit(c)) {
        if (c == '.') {
          if (type > DIGIT) {
            type = INVALID;
            continue;
          }
          pos++;
        }
        if (type == INITIAL_DIGIT || type == DIGIT) type = DIGIT;
        else if (type == SUFFIX) type = SUFFIX_NO;
        else {
          type = INVALID;
          continue;
        }
        start = pos;
        pos = digitsEnd(text, pos);
        if (pos == start) type = INVALID;
      } else if (c == '_') {
        if (type > SUFFIX_NO) {
          type = INVALID;
          continue;
        }
        start = ++pos;
        while (pos < text.length() && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') pos++;
        suffix = suffixValue(text, start, pos);
        type = suffix == SUFFIX_INVALID ? INVALID : SUFFIX;
      } else if (c == '~') {
        if (type >= COMMIT_HASH) {
          type = INVALID;
          continue;
        }
        start = ++pos;
        while (pos < text.length() && isHex(text.charAt(pos))) pos++;
        type = pos == start ? INVALID : COMMIT_HASH;
      } else if (c == '-') {
        if (type >= REVISION_NO || !text.startsWith("-r", pos)) {
          type = INVALID;
          continue;
        }
        pos += 2;
        start = pos;
        pos = digitsEnd(text, pos);
        type = pos == start ? INVALID : REVISION_NO;
      } else {
        type = INVALID;
      }
    }
    return new Parsed(text, Arrays.copyOf(types, n), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n),
        Arrays.copyOf(suffixes, n));
  }

  private static int digitsEnd(String s, int i) {
    while (i < s.length() && Numerals.isDigit(s.charAt(i))) i++;
    return i;
  }

  private static boolean isHex(char c) {
    return Numerals.isDigit(c) || (c >= 'a' && c <= 'f');
  }

  /** suffix_value: the first letter picks the candidate, which must then match exactly. */
  private static int suffixValue(String s, int from, int to) {
    if (from == to) return SUFFIX_INVALID;
    int v = switch (s.charAt(from)) {
      case 'a' -> 1;
      case 'b' -> 2;
      case 'c' -> 6;
      case 'g' -> 8;
      case 'h' -> 9;
      case 'p' -> to - from > 1 ? 3 : 10;
      case 'r' -> 4;
      case 's' -> 7;
      default -> SUFFIX_INVALID;
    };
    if (v == SUFFIX_INVALID) return v;
    String word = SUFFIXES[v];
    return to - from == word.length() && s.startsWith(word, from) ? v : SUFFIX_INVALID;
  }

  /** Token k: {@code types[k]}, its value {@code text[starts[k], ends[k])}, its suffix value; the last token is END. */
  record Parsed(String text, int[] types, int[] starts, int[] ends, int[] suffixes) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int k = 0;
      while (types[k] == other.types[k] && types[k] < END) {
        int r = compareToken(k, other);
        if (r != 0) return r;
        k++;
      }
      int at = types[k];
      int bt = other.types[k];
      if (at == bt) return 0;
      // The longer version is newer unless what it has more of is a pre-release suffix.
      if (at == SUFFIX && suffixes[k] < SUFFIX_NONE) return -1;
      if (bt == SUFFIX && other.suffixes[k] < SUFFIX_NONE) return 1;
      return at > bt ? -1 : 1;
    }

    /** token_cmp on two tokens of the same type. */
    private int compareToken(int k, Parsed other) {
      String a = text;
      String b = other.text;
      int as = starts[k];
      int ae = ends[k];
      int bs = other.starts[k];
      int be = other.ends[k];
      return switch (types[k]) {
        // A dotted number with a leading zero on either side compares as a string.
        case DIGIT -> a.charAt(as) == '0' || b.charAt(bs) == '0'
            ? blobSort(a, as, ae, b, bs, be)
            : Numerals.compareRuns(a, as, ae, b, bs, be);
        case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> Numerals.compareRuns(a, as, ae, b, bs, be);
        case LETTER -> Character.compare(a.charAt(as), b.charAt(bs)) < 0 ? -1 : a.charAt(as) == b.charAt(bs) ? 0 : 1;
        case SUFFIX -> Integer.compare(suffixes[k], other.suffixes[k]);
        default -> blobSort(a, as, ae, b, bs, be);
      };
    }

    /** apk_blob_sort: bytes compared, then the shorter first. */
    private static int blobSort(String a, int as, int ae, String b, int bs, int be) {
      int n = Math.min(ae - as, be - bs);
      for (int i = 0; i < n; i++) {
        char x = a.charAt(as + i);
        char y = b.charAt(bs + i);
        if (x != y) return x < y ? -1 : 1;
      }
      return Integer.compare(ae - as, be - bs);
    }
  }
}
