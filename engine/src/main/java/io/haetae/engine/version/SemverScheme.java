package io.haetae.engine.version;

/**
 * SemVer 2.0.0 as node-semver 7 validates and orders it ({@code semver.valid} without the
 * {@code loose} flag, then {@code semver.compare}). Used for npm, crates.io, Go (after its
 * leading "v" is dropped) and OSV {@code SEMVER} ranges.
 *
 * <pre>{@code
 * SemverScheme.NPM.parse("1.0.0-alpha.1").compareTo(SemverScheme.NPM.parse("1.0.0")) // < 0
 * }</pre>
 */
final class SemverScheme implements VersionScheme {

  /** node-semver's MAX_LENGTH: longer input is rejected before anything else. */
  static final int MAX_LENGTH = 256;

  /** Number.MAX_SAFE_INTEGER: node-semver rejects larger major, minor and patch numbers. */
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  static final SemverScheme NPM = new SemverScheme("npm (node-semver)", false);
  static final SemverScheme CARGO = new SemverScheme("crates.io (SemVer 2.0)", false);
  static final SemverScheme SEMVER = new SemverScheme("SemVer 2.0", false);
  static final SemverScheme GO = new SemverScheme("Go (module semver)", true);

  private final String name;
  private final boolean dropGoPrefix;

  private SemverScheme(String name, boolean dropGoPrefix) {
    this.name = name;
    this.dropGoPrefix = dropGoPrefix;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    if (text == null) throw new InvalidVersionException(null, "version is missing");
    String s = text;
    // Go module versions always carry "v"; the reference compares them without it.
    if (dropGoPrefix && s.startsWith("v")) s = s.substring(1);
    if (s.length() > MAX_LENGTH) {
      throw new InvalidVersionException(text, "version is longer than " + MAX_LENGTH + " characters");
    }
    return parseTrimmed(text, trimJs(s));
  }

  private Parsed parseTrimmed(String text, String s) throws InvalidVersionException {
    if (s.isEmpty()) throw new InvalidVersionException(text, "version is empty");
    Cursor c = new Cursor(text, s);
    // FULLPLAIN = v? MAINVERSION PRERELEASE? BUILD?
    if (s.charAt(0) == 'v') c.pos++;
    long major = c.mainNumber("major");
    c.expect('.');
    long minor = c.mainNumber("minor");
    c.expect('.');
    long patch = c.mainNumber("patch");
    String[] pre = null;
    double[] preNum = null;
    if (c.pos < s.length() && s.charAt(c.pos) == '-') {
      c.pos++;
      int start = c.pos;
      int count = 1;
      int end = c.endOfIdentifiers();
      for (int i = start; i < end; i++) if (s.charAt(i) == '.') count++;
      pre = new String[count];
      preNum = new double[count];
      int k = 0;
      int from = start;
      for (int i = start; i <= end; i++) {
        if (i == end || s.charAt(i) == '.') {
          String id = c.prereleaseIdentifier(from, i);
          pre[k] = id;
          preNum[k] = numericValue(id);
          k++;
          from = i + 1;
        }
      }
    }
    if (c.pos < s.length() && s.charAt(c.pos) == '+') {
      c.pos++;
      int from = c.pos;
      int end = c.endOfIdentifiers();
      for (int i = from; i <= end; i++) {
        if (i == end || s.charAt(i) == '.') {
          if (i == from) throw c.invalid("empty build identifier");
          from = i + 1;
        }
      }
    }
    if (c.pos != s.length()) throw c.invalid("unexpected '" + s.charAt(c.pos) + "' at position " + c.pos);
    return new Parsed(text, major, minor, patch, pre, preNum);
  }

  /**
   * A numeric prerelease identifier compares as a JavaScript number ({@code +id}), so very
   * long ones lose precision exactly as node-semver's compareIdentifiers does; NaN marks an
   * alphanumeric identifier.
   */
  private static double numericValue(String id) {
    for (int i = 0; i < id.length(); i++) if (!Numerals.isDigit(id.charAt(i))) return Double.NaN;
    return Double.parseDouble(id);
  }

  /** String.prototype.trim: strips ECMAScript WhiteSpace and LineTerminator code points. */
  static String trimJs(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isJsSpace(s.charAt(from))) from++;
    while (to > from && isJsSpace(s.charAt(to - 1))) to--;
    return s.substring(from, to);
  }

  private static boolean isJsSpace(char c) {
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000 || c == 0xFEFF;
  }

  private static final class Cursor {
    final String text;
    final String s;
    int pos;

    Cursor(String text, String s) {
      this.text = text;
      this.s = s;
    }

    InvalidVersionException invalid(String why) {
      return new InvalidVersionException(text, "not a SemVer 2.0 version: " + why);
    }

    void expect(char ch) throws InvalidVersionException {
      if (pos >= s.length() || s.charAt(pos) != ch) throw invalid("expected '" + ch + "' at position " + pos);
      pos++;
    }

    /** NUMERICIDENTIFIER = 0|[1-9]\d* ; node-semver then rejects values above MAX_SAFE_INTEGER. */
    long mainNumber(String what) throws InvalidVersionException {
      int start = pos;
      while (pos < s.length() && Numerals.isDigit(s.charAt(pos))) pos++;
      if (pos == start) throw invalid(what + " version is not a number");
      if (s.charAt(start) == '0' && pos - start > 1) throw invalid(what + " version has a leading zero");
      if (pos - start > 16) throw invalid(what + " version is larger than " + MAX_SAFE_INTEGER);
      long v = Long.parseLong(s, start, pos, 10);
      if (v > MAX_SAFE_INTEGER) throw invalid(what + " version is larger than " + MAX_SAFE_INTEGER);
      return v;
    }

    /** The end of a run of [0-9A-Za-z.-] starting at pos. */
    int endOfIdentifiers() {
      int i = pos;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (!(Numerals.isDigit(ch) || Numerals.isAsciiLetter(ch) || ch == '-' || ch == '.')) break;
        i++;
      }
      pos = i;
      return i;
    }

    /** PRERELEASEIDENTIFIER: a NUMERICIDENTIFIER (no leading zero) or one with a letter or hyphen. */
    String prereleaseIdentifier(int from, int to) throws InvalidVersionException {
      if (from == to) throw invalid("empty prerelease identifier");
      boolean numeric = true;
      for (int i = from; i < to && numeric; i++) numeric = Numerals.isDigit(s.charAt(i));
      if (numeric && s.charAt(from) == '0' && to - from > 1) {
        throw invalid("numeric prerelease identifier has a leading zero");
      }
      return s.substring(from, to);
    }
  }

  record Parsed(String text, long major, long minor, long patch, String[] pre, double[] preNum) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int c = Long.compare(major, other.major);
      if (c != 0) return c;
      c = Long.compare(minor, other.minor);
      if (c != 0) return c;
      c = Long.compare(patch, other.patch);
      if (c != 0) return c;
      // A version without prerelease has higher precedence (SemVer 2.0 clause 11.3).
      if (pre == null) return other.pre == null ? 0 : 1;
      if (other.pre == null) return -1;
      int n = Math.min(pre.length, other.pre.length);
      for (int i = 0; i < n; i++) {
        c = compareIdentifiers(pre[i], preNum[i], other.pre[i], other.preNum[i]);
        if (c != 0) return c;
      }
      return Integer.compare(pre.length, other.pre.length);
    }

    /** Clause 11.4: numeric identifiers sort numerically and below alphanumeric ones, which sort by ASCII. */
    private static int compareIdentifiers(String a, double an, String b, double bn) {
      boolean aNum = !Double.isNaN(an);
      boolean bNum = !Double.isNaN(bn);
      if (aNum && bNum) return Double.compare(an, bn);
      if (aNum) return -1;
      if (bNum) return 1;
      return Integer.signum(a.compareTo(b));
    }
  }
}
