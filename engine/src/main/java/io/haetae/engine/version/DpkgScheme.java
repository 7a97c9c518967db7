package io.haetae.engine.version;

/**
 * Debian and Ubuntu versions as dpkg parses ({@code parseversion}) and orders them
 * ({@code verrevcmp}): {@code [epoch:]upstream[-revision]}, compared part by part; in each part
 * non-digit runs compare with '~' lowest, then the end of the part, then letters, then the
 * other characters, and digit runs compare as numbers of any length.
 *
 * <pre>{@code
 * DpkgScheme.INSTANCE.compare("1.0~rc1-1", "1.0-1") // -1
 * }</pre>
 */
final class DpkgScheme implements VersionScheme {

  static final DpkgScheme INSTANCE = new DpkgScheme();

  /** Not a dpkg limit; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  private DpkgScheme() {}

  @Override
  public String name() {
    return "Debian (dpkg)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    if (text == null) throw new InvalidVersionException(null, "version is missing");
    if (text.isEmpty()) throw new InvalidVersionException(text, "version string is empty");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidVersionException(text, "version is longer than " + MAX_LENGTH + " characters");
    }
    // Leading blanks are skipped; trailing white space ends the version; anything after it is an error.
    int from = 0;
    while (from < text.length() && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) from++;
    int end = from;
    while (end < text.length() && !isCSpace(text.charAt(end))) end++;
    for (int i = end; i < text.length(); i++) {
      if (!isCSpace(text.charAt(i))) throw invalid(text, "version string has embedded spaces");
    }
    String s = text.substring(from, end);
    long epoch = 0;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      // strtol: optional sign, then digits, which must end exactly at the colon.
      int i = 0;
      boolean negative = false;
      if (i < colon && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
      int digits = i;
      while (i < s.length() && Numerals.isDigit(s.charAt(i))) i++;
      if (i == digits) throw invalid(text, "epoch in version is empty");
      if (i != colon) throw invalid(text, "epoch in version is not number");
      long v = Numerals.valueOf(s, digits, colon);
      if (negative && v != 0) throw invalid(text, "epoch in version is negative");
      if (v < 0 || v > Integer.MAX_VALUE) throw invalid(text, "epoch in version is too big");
      if (colon + 1 == s.length()) throw invalid(text, "nothing after colon in version number");
      epoch = v;
      s = s.substring(colon + 1);
    }
    int hyphen = s.lastIndexOf('-');
    String upstream = hyphen < 0 ? s : s.substring(0, hyphen);
    String revision = hyphen < 0 ? "" : s.substring(hyphen + 1);
    if (hyphen >= 0 && revision.isEmpty()) throw invalid(text, "revision number is empty");
    if (upstream.isEmpty()) throw invalid(text, "version number is empty");
    if (!Numerals.isDigit(upstream.charAt(0))) throw invalid(text, "version number does not start with digit");
    for (int i = 1; i < upstream.length(); i++) {
      char c = upstream.charAt(i);
      if (!(Numerals.isDigit(c) || Numerals.isAsciiLetter(c) || ".-+~:".indexOf(c) >= 0)) {
        throw invalid(text, "invalid character in version number");
      }
    }
    for (int i = 0; i < revision.length(); i++) {
      char c = revision.charAt(i);
      if (!(Numerals.isDigit(c) || Numerals.isAsciiLetter(c) || ".+~".indexOf(c) >= 0)) {
        throw invalid(text, "invalid character in revision number");
      }
    }
    return new Parsed(text, epoch, upstream, revision);
  }

  private static boolean isCSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static InvalidVersionException invalid(String text, String reason) {
    return new InvalidVersionException(text, "not a valid Debian version: " + reason);
  }

  /** dpkg's order(): '~' first, then end of string and digits, then letters, then the rest. */
  private static int order(String s, int i) {
    if (i >= s.length()) return 0;
    char c = s.charAt(i);
    if (Numerals.isDigit(c)) return 0;
    if (Numerals.isAsciiLetter(c)) return c;
    if (c == '~') return -1;
    return c + 256;
  }

  /** dpkg's verrevcmp, digit runs compared without overflow. */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !Numerals.isDigit(a.charAt(i))) || (j < b.length() && !Numerals.isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) return Integer.signum(ac - bc);
        i++;
        j++;
      }
      int is = i;
      int js = j;
      while (i < a.length() && Numerals.isDigit(a.charAt(i))) i++;
      while (j < b.length() && Numerals.isDigit(b.charAt(j))) j++;
      int c = Numerals.compareRuns(a, is, i, b, js, j);
      if (c != 0) return c;
    }
    return 0;
  }

  record Parsed(String text, long epoch, String upstream, String revision) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int c = Long.compare(epoch, other.epoch);
      if (c != 0) return c;
      c = verrevcmp(upstream, other.upstream);
      if (c != 0) return c;
      return verrevcmp(revision, other.revision);
    }
  }
}
