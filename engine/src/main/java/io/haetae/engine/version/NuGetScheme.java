package io.haetae.engine.version;

/**
 * NuGet versions as NuGet.Versioning's {@code NuGetVersion.TryParse} and
 * {@code VersionComparer.Default} treat them: one to four numeric parts (missing ones are 0),
 * dot-separated release labels compared case-insensitively (numeric labels numerically and
 * before alphanumeric ones; a release sorts after its pre-releases), build metadata ignored.
 *
 * <pre>{@code
 * NuGetScheme.INSTANCE.compare("1.0.0-BETA", "1.0.0-beta") // 0
 * NuGetScheme.INSTANCE.compare("1.0", "1.0.0.0")           // 0
 * }</pre>
 */
final class NuGetScheme implements VersionScheme {

  static final NuGetScheme INSTANCE = new NuGetScheme();

  /** Not a NuGet limit; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  private NuGetScheme() {}

  @Override
  public String name() {
    return "NuGet (NuGet.Versioning)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    InvalidVersionException.requireBounded(text, MAX_LENGTH);
    String value = text.strip();
    if (value.isEmpty()) throw new InvalidVersionException(text, "version is empty");
    // ParseSections: the version ends at the first '-' or '+'; labels run to the next '+'.
    int dash = -1;
    int plus = -1;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (dash < 0 && (c == '-' || c == '+')) {
        dash = i;
        if (c == '+') plus = i;
      } else if (dash >= 0 && plus < 0 && c == '+') {
        plus = i;
      }
    }
    String versionPart = dash < 0 ? value : value.substring(0, dash);
    String labels = dash < 0 || dash == plus ? null : value.substring(dash + 1, plus < 0 ? value.length() : plus);
    String metadata = plus < 0 ? null : value.substring(plus + 1);
    // A trailing '-' or '+' stays in the section before it, which then fails to parse.
    if (dash == value.length() - 1 || (plus >= 0 && plus == value.length() - 1)) {
      throw invalid(text, "ends with '" + value.charAt(value.length() - 1) + "'");
    }
    long[] parts = numericParts(text, versionPart);
    String[] release = null;
    if (labels != null) {
      release = labels.split("\\.", -1);
      for (String label : release) {
        if (!isValidPart(label)) throw invalid(text, "invalid release label '" + label + "'");
      }
    }
    if (metadata != null) {
      for (String part : metadata.split("\\.", -1)) {
        if (part.isEmpty() || !isLetterDigitDash(part)) throw invalid(text, "invalid build metadata");
      }
    }
    long[] labelNums = null;
    if (release != null) {
      labelNums = new long[release.length];
      for (int i = 0; i < release.length; i++) labelNums[i] = int32OrMin(release[i]);
    }
    return new Parsed(text, parts[0], parts[1], parts[2], parts[3], release, labelNums);
  }

  private static InvalidVersionException invalid(String text, String why) {
    return new InvalidVersionException(text, "not a valid NuGet version: " + why);
  }

  /**
   * System.Version.TryParse after NuGet appends ".0" to a one-part version: two to four parts,
   * each an Int32 (white space around it and a leading sign allowed) that is not negative.
   */
  private static long[] numericParts(String text, String versionPart) throws InvalidVersionException {
    String[] parts = versionPart.split("\\.", -1);
    if (parts.length > 4) throw invalid(text, "more than four numeric parts");
    long[] out = new long[4];
    for (int i = 0; i < parts.length; i++) {
      long v = int32OrMin(parts[i].strip());
      if (v == Long.MIN_VALUE || v < 0) throw invalid(text, "'" + parts[i] + "' is not a number from 0 to 2147483647");
      out[i] = v;
    }
    return out;
  }

  /** Int32.TryParse with NumberStyles.Integer on a trimmed string: the value, or Long.MIN_VALUE. */
  private static long int32OrMin(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) return Long.MIN_VALUE;
    long v = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Numerals.isDigit(c)) return Long.MIN_VALUE;
      v = v * 10 + (c - '0');
      if (v > Integer.MAX_VALUE + 1L) return Long.MIN_VALUE;
    }
    v = negative ? -v : v;
    return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? Long.MIN_VALUE : v;
  }

  /** IsValidPart: non-empty, [0-9A-Za-z-] only, and no leading zero on an all-digit label. */
  private static boolean isValidPart(String s) {
    if (s.isEmpty() || !isLetterDigitDash(s)) return false;
    if (s.length() > 1 && s.charAt(0) == '0') {
      for (int i = 1; i < s.length(); i++) if (!Numerals.isDigit(s.charAt(i))) return true;
      return false;
    }
    return true;
  }

  private static boolean isLetterDigitDash(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Numerals.isDigit(c) || Numerals.isAsciiLetter(c) || c == '-')) return false;
    }
    return true;
  }

  /** {@code labelNums[i]} is label i as an Int32, or Long.MIN_VALUE when it is not one. */
  record Parsed(String text, long major, long minor, long patch, long revision, String[] labels, long[] labelNums)
      implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int c = Long.compare(major, other.major);
      if (c == 0) c = Long.compare(minor, other.minor);
      if (c == 0) c = Long.compare(patch, other.patch);
      if (c == 0) c = Long.compare(revision, other.revision);
      if (c != 0) return c;
      if (labels == null) return other.labels == null ? 0 : 1;
      if (other.labels == null) return -1;
      int n = Math.min(labels.length, other.labels.length);
      for (int i = 0; i < n; i++) {
        c = compareRelease(i, other);
        if (c != 0) return c;
      }
      return Integer.compare(labels.length, other.labels.length);
    }

    private int compareRelease(int i, Parsed other) {
      boolean aNum = labelNums[i] != Long.MIN_VALUE;
      boolean bNum = other.labelNums[i] != Long.MIN_VALUE;
      if (aNum && bNum) return Long.compare(labelNums[i], other.labelNums[i]);
      if (aNum) return -1;
      if (bNum) return 1;
      return compareOrdinalIgnoreCase(labels[i], other.labels[i]);
    }

    /** StringComparer.OrdinalIgnoreCase on ASCII labels: compare upper-cased characters. */
    private static int compareOrdinalIgnoreCase(String a, String b) {
      int n = Math.min(a.length(), b.length());
      for (int i = 0; i < n; i++) {
        char x = a.charAt(i);
        char y = b.charAt(i);
        if (x >= 'a' && x <= 'z') x -= 32;
        if (y >= 'a' && y <= 'z') y -= 32;
        if (x != y) return x < y ? -1 : 1;
      }
      return Integer.compare(a.length(), b.length());
    }
  }
}
