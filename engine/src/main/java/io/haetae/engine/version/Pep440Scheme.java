package io.haetae.engine.version;

import java.util.Locale;

/**
 * PyPI versions as {@code packaging.version.Version} (packaging 21.3) parses and orders them:
 * PEP 440's public version grammar with its normalisations (alternative spellings, separators,
 * implicit numbers) and the local version label. Legacy (non-PEP 440) versions are rejected.
 *
 * <pre>{@code
 * // 1.0.dev1 < 1.0a1 < 1.0 < 1.0+local < 1.0.post1
 * Pep440Scheme.INSTANCE.compare("1.0a1", "1.0.post1") // -1
 * }</pre>
 */
final class Pep440Scheme implements VersionScheme {

  static final Pep440Scheme INSTANCE = new Pep440Scheme();

  /** Not a limit of packaging; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  // Pre-release phases, in the order PEP 440 sorts them ("a" < "b" < "rc").
  private static final int PRE_A = 0;
  private static final int PRE_B = 1;
  private static final int PRE_RC = 2;

  private Pep440Scheme() {}

  @Override
  public String name() {
    return "PyPI (PEP 440)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    InvalidVersionException.requireBounded(text, MAX_LENGTH);
    // The pattern is compiled with re.IGNORECASE and surrounded by \s*.
    int from = 0;
    int to = text.length();
    while (from < to && isPythonSpace(text.charAt(from))) from++;
    while (to > from && isPythonSpace(text.charAt(to - 1))) to--;
    String s = text.substring(from, to).toLowerCase(Locale.ROOT);
    return new Reader(text, s).read();
  }

  /** str.isspace(), which Python's \s matches in str patterns. */
  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || c == 0x85 || c == 0xA0 || c == 0x2007 || c == 0x202F;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  /** A recursive-descent reading of VERSION_PATTERN, trying optional parts in its order. */
  private static final class Reader {
    final String text;
    final String s;
    int pos;

    Reader(String text, String s) {
      this.text = text;
      this.s = s;
    }

    InvalidVersionException invalid() {
      return new InvalidVersionException(text, "not a valid PEP 440 version");
    }

    boolean at(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    boolean digitAt(int i) {
      return i < s.length() && Numerals.isDigit(s.charAt(i));
    }

    int digitsEnd(int i) {
      while (digitAt(i)) i++;
      return i;
    }

    Parsed read() throws InvalidVersionException {
      if (at('v')) pos++;
      // epoch: ([0-9]+!)?
      long epoch = 0;
      String epochBig = null;
      int end = digitsEnd(pos);
      if (end > pos && end < s.length() && s.charAt(end) == '!') {
        epoch = Numerals.valueOf(s, pos, end);
        if (epoch < 0) epochBig = Numerals.canonical(s, pos, end);
        pos = end + 1;
      }
      // release: [0-9]+(\.[0-9]+)*
      if (!digitAt(pos)) throw invalid();
      int count = 1;
      for (int i = digitsEnd(pos); i + 1 < s.length() && s.charAt(i) == '.' && digitAt(i + 1); i = digitsEnd(i + 1)) count++;
      long[] release = new long[count];
      String[] releaseBig = null;
      for (int k = 0; k < count; k++) {
        if (k > 0) pos++;
        end = digitsEnd(pos);
        release[k] = Numerals.valueOf(s, pos, end);
        if (release[k] < 0) {
          if (releaseBig == null) releaseBig = new String[count];
          releaseBig[k] = Numerals.canonical(s, pos, end);
        }
        pos = end;
      }
      // pre: [-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?
      int preKind = -1;
      long preNum = 0;
      int save = pos;
      if (pos < s.length() && isSeparator(s.charAt(pos))) pos++;
      String[] preWords = {"alpha", "a", "beta", "b", "preview", "pre", "rc", "c"};
      int[] preKinds = {PRE_A, PRE_A, PRE_B, PRE_B, PRE_RC, PRE_RC, PRE_RC, PRE_RC};
      for (int w = 0; w < preWords.length && preKind < 0; w++) {
        if (s.startsWith(preWords[w], pos)) {
          preKind = preKinds[w];
          pos += preWords[w].length();
          preNum = optionalNumber();
        }
      }
      if (preKind < 0) pos = save;
      // post: -([0-9]+) | [-_.]?(post|rev|r)[-_.]?([0-9]+)?
      long post = -1;
      save = pos;
      if (at('-') && digitAt(pos + 1)) {
        pos++;
        post = number();
      } else {
        if (pos < s.length() && isSeparator(s.charAt(pos))) pos++;
        for (String word : new String[] {"post", "rev", "r"}) {
          if (post < 0 && s.startsWith(word, pos)) {
            pos += word.length();
            post = optionalNumber();
          }
        }
        if (post < 0) pos = save;
      }
      // dev: [-_.]?dev[-_.]?([0-9]+)?
      long dev = -1;
      save = pos;
      if (pos < s.length() && isSeparator(s.charAt(pos))) pos++;
      if (s.startsWith("dev", pos)) {
        pos += 3;
        dev = optionalNumber();
      } else {
        pos = save;
      }
      // local: \+[a-z0-9]+([-_.][a-z0-9]+)*
      Object[] local = null;
      if (at('+')) {
        pos++;
        local = localSegments();
      }
      if (pos != s.length()) throw invalid();
      return new Parsed(text, epoch, epochBig, release, releaseBig, preKind, preNum, post, dev, local);
    }

    /** [-_.]?([0-9]+)? after a phase word; an absent number is 0 (PEP 440 implicit number). */
    long optionalNumber() throws InvalidVersionException {
      int save = pos;
      if (pos < s.length() && isSeparator(s.charAt(pos))) pos++;
      if (digitAt(pos)) return number();
      pos = save;
      return 0;
    }

    long number() throws InvalidVersionException {
      int end = digitsEnd(pos);
      long v = Numerals.valueOf(s, pos, end);
      // Pre, post and dev numbers above 10^18 are not versions anyone publishes.
      if (v < 0) throw new InvalidVersionException(text, "pre/post/dev number is too large");
      pos = end;
      return v;
    }

    Object[] localSegments() throws InvalidVersionException {
      int start = pos;
      int count = 1;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (isSeparator(c)) {
          if (pos == start || pos + 1 >= s.length() || isSeparator(s.charAt(pos - 1))) throw invalid();
          count++;
        } else if (!(Numerals.isDigit(c) || (c >= 'a' && c <= 'z'))) {
          break;
        }
        pos++;
      }
      if (pos == start || isSeparator(s.charAt(pos - 1))) throw invalid();
      Object[] out = new Object[count];
      int k = 0;
      int from = start;
      for (int i = start; i <= pos; i++) {
        if (i == pos || isSeparator(s.charAt(i))) {
          out[k++] = localSegment(from, i);
          from = i + 1;
        }
      }
      return out;
    }

    /** A local segment is an int when all digits, else a lowercase string (packaging's _parse_local_version). */
    Object localSegment(int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Numerals.isDigit(s.charAt(i))) return s.substring(from, to);
      }
      return new java.math.BigInteger(s.substring(from, to));
    }
  }

  /**
   * {@code pre}: -1 when absent; {@code post} and {@code dev}: -1 when absent; {@code local}:
   * null when absent, else BigInteger and String segments.
   */
  record Parsed(String text, long epoch, String epochBig, long[] release, String[] releaseBig,
                int preKind, long preNum, long post, long dev, Object[] local) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int c = Numerals.compare(epoch, epochBig, other.epoch, other.epochBig);
      if (c != 0) return c;
      c = compareRelease(other);
      if (c != 0) return c;
      c = Integer.compare(preRank(), other.preRank());
      if (c != 0) return c;
      if (preKind >= 0) {
        c = Long.compare(preNum, other.preNum);
        if (c != 0) return c;
      }
      // A missing post-release sorts before every post-release (NegativeInfinity).
      c = Long.compare(post, other.post);
      if (c != 0) return c;
      // A missing dev-release sorts after every dev-release (Infinity).
      c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, other.dev < 0 ? Long.MAX_VALUE : other.dev);
      if (c != 0) return c;
      return compareLocal(local, other.local);
    }

    /**
     * The pre-release key: a dev-release with neither pre nor post sorts before every
     * pre-release (1.0.dev0 < 1.0a0); no pre-release sorts after all of them.
     */
    private int preRank() {
      if (preKind < 0 && post < 0 && dev >= 0) return -1;
      if (preKind < 0) return 3;
      return preKind;
    }

    /** Missing release components count as 0, as packaging's _cmpkey drops trailing zeros (1.0 == 1.0.0). */
    private int compareRelease(Parsed other) {
      int n = Math.max(release.length, other.release.length);
      for (int i = 0; i < n; i++) {
        long a = i < release.length ? release[i] : 0;
        long b = i < other.release.length ? other.release[i] : 0;
        String ba = i < release.length && releaseBig != null ? releaseBig[i] : null;
        String bb = i < other.release.length && other.releaseBig != null ? other.releaseBig[i] : null;
        int c = Numerals.compare(a, ba, b, bb);
        if (c != 0) return c;
      }
      return 0;
    }

    /**
     * No local label sorts first; numeric segments sort after alphanumeric ones; a shorter
     * label that is a prefix of a longer one sorts first (PEP 440, local version identifiers).
     */
    private static int compareLocal(Object[] a, Object[] b) {
      if (a == null) return b == null ? 0 : -1;
      if (b == null) return 1;
      int n = Math.min(a.length, b.length);
      for (int i = 0; i < n; i++) {
        Object x = a[i];
        Object y = b[i];
        int c;
        if (x instanceof java.math.BigInteger bx && y instanceof java.math.BigInteger by) c = bx.compareTo(by);
        else if (x instanceof java.math.BigInteger) c = 1;
        else if (y instanceof java.math.BigInteger) c = -1;
        else c = ((String) x).compareTo((String) y);
        if (c != 0) return Integer.signum(c);
      }
      return Integer.compare(a.length, b.length);
    }
  }
}
