package io.haetae.engine.version;

/**
 * RPM versions as rpm 4.18 orders them: {@code [epoch:]version[-release]} split as
 * {@code rpmverParse} does, each part compared with {@code rpmvercmp}; a missing epoch is "0",
 * a missing release the empty string (as {@code rpm.vercmp} does). Used for RPM, Red Hat, AlmaLinux, Rocky Linux, SUSE and openSUSE.
 *
 * <pre>{@code
 * RpmScheme.INSTANCE.compare("1:1.0-1.el8", "2.0-1.el8") // 1 (epoch wins)
 * }</pre>
 */
final class RpmScheme implements VersionScheme {

  static final RpmScheme INSTANCE = new RpmScheme();

  /** Not an rpm limit; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  private RpmScheme() {}

  @Override
  public String name() {
    return "RPM (rpmvercmp)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    if (text == null) throw new InvalidVersionException(null, "version is missing");
    // rpmverParse returns NULL for an empty EVR.
    if (text.isEmpty()) throw new InvalidVersionException(text, "version is empty");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidVersionException(text, "version is longer than " + MAX_LENGTH + " characters");
    }
    // parseEVR: leading digits followed by ':' are the epoch (empty means "0"); the release
    // follows the last '-' after those digits.
    int s = 0;
    while (s < text.length() && Numerals.isDigit(text.charAt(s))) s++;
    int dash = text.lastIndexOf('-');
    if (dash < s) dash = -1;
    String epoch = null;
    int versionStart = 0;
    if (s < text.length() && text.charAt(s) == ':') {
      epoch = s == 0 ? "0" : text.substring(0, s);
      versionStart = s + 1;
    }
    String version = dash < 0 ? text.substring(versionStart) : text.substring(versionStart, dash);
    String release = dash < 0 ? null : text.substring(dash + 1);
    return new Parsed(text, epoch, version, release);
  }

  private static boolean isAlnum(char c) {
    return Numerals.isDigit(c) || Numerals.isAsciiLetter(c);
  }

  /** rpm's rpmvercmp, with digit runs compared without overflow. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) return 0;
    int one = 0;
    int two = 0;
    int la = a.length();
    int lb = b.length();
    while (one < la || two < lb) {
      while (one < la && !isAlnum(a.charAt(one)) && a.charAt(one) != '~' && a.charAt(one) != '^') one++;
      while (two < lb && !isAlnum(b.charAt(two)) && b.charAt(two) != '~' && b.charAt(two) != '^') two++;
      char c1 = one < la ? a.charAt(one) : 0;
      char c2 = two < lb ? b.charAt(two) : 0;
      // '~' sorts before everything else, even the end of the version.
      if (c1 == '~' || c2 == '~') {
        if (c1 != '~') return 1;
        if (c2 != '~') return -1;
        one++;
        two++;
        continue;
      }
      // '^' sorts after the end of the version but before anything else.
      if (c1 == '^' || c2 == '^') {
        if (c1 == 0) return -1;
        if (c2 == 0) return 1;
        if (c1 != '^') return 1;
        if (c2 != '^') return -1;
        one++;
        two++;
        continue;
      }
      if (c1 == 0 || c2 == 0) break;
      int s1 = one;
      int s2 = two;
      boolean numeric = Numerals.isDigit(c1);
      if (numeric) {
        while (one < la && Numerals.isDigit(a.charAt(one))) one++;
        while (two < lb && Numerals.isDigit(b.charAt(two))) two++;
      } else {
        while (one < la && Numerals.isAsciiLetter(a.charAt(one))) one++;
        while (two < lb && Numerals.isAsciiLetter(b.charAt(two))) two++;
      }
      // Segments of different kinds: the numeric one is newer.
      if (two == s2) return numeric ? 1 : -1;
      int c;
      if (numeric) {
        c = Numerals.compareRuns(a, s1, one, b, s2, two);
      } else {
        c = compareAscii(a, s1, one, b, s2, two);
      }
      if (c != 0) return c;
    }
    if (one >= la && two >= lb) return 0;
    return one >= la ? -1 : 1;
  }

  /** strcmp on two letter runs. */
  private static int compareAscii(String a, int as, int ae, String b, int bs, int be) {
    int n = Math.min(ae - as, be - bs);
    for (int i = 0; i < n; i++) {
      char x = a.charAt(as + i);
      char y = b.charAt(bs + i);
      if (x != y) return x < y ? -1 : 1;
    }
    return Integer.compare(ae - as, be - bs);
  }

  /** {@code epoch} null when absent (compares as "0"); {@code release} null when absent (compares as ""). */
  record Parsed(String text, String epoch, String version, String release) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int c = rpmvercmp(epoch == null ? "0" : epoch, other.epoch == null ? "0" : other.epoch);
      if (c != 0) return c;
      c = rpmvercmp(version, other.version);
      if (c != 0) return c;
      // rpm.vercmp compares a missing release as the empty string, so "1.0" < "1.0-1".
      return rpmvercmp(release == null ? "" : release, other.release == null ? "" : other.release);
    }
  }
}
