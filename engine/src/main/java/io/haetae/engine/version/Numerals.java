package io.haetae.engine.version;

/**
 * Arbitrary-length numbers as the references compare them (dpkg, rpm, Maven, Python and Ruby
 * integers have no upper bound). A number is kept as a {@code long} when it has at most 18
 * significant digits, otherwise as its digit string without leading zeros; comparing two
 * such numbers never allocates.
 */
final class Numerals {

  /** Numbers with more significant digits than this do not fit a long and are kept as text. */
  static final int LONG_DIGITS = 18;

  private Numerals() {}

  /** The value of {@code s[from, to)} (ASCII digits only), or -1 when it has more than 18 significant digits. */
  static long valueOf(CharSequence s, int from, int to) {
    while (from < to - 1 && s.charAt(from) == '0') from++;
    if (to - from > LONG_DIGITS) return -1;
    long v = 0;
    for (int i = from; i < to; i++) v = v * 10 + (s.charAt(i) - '0');
    return v;
  }

  /** The digits of {@code s[from, to)} without leading zeros ("0" for all zeros). */
  static String canonical(CharSequence s, int from, int to) {
    while (from < to - 1 && s.charAt(from) == '0') from++;
    return s.subSequence(from, to).toString();
  }

  /**
   * Compares two numbers each given as a long value (when {@code big} is null) or as a
   * canonical digit string {@code big} longer than 18 digits.
   */
  static int compare(long a, String bigA, long b, String bigB) {
    if (bigA == null && bigB == null) return Long.compare(a, b);
    if (bigA == null) return -1;
    if (bigB == null) return 1;
    if (bigA.length() != bigB.length()) return bigA.length() < bigB.length() ? -1 : 1;
    return Integer.signum(bigA.compareTo(bigB));
  }

  /** Compares the digit runs {@code a[as, ae)} and {@code b[bs, be)} as non-negative integers. */
  static int compareRuns(CharSequence a, int as, int ae, CharSequence b, int bs, int be) {
    while (as < ae && a.charAt(as) == '0') as++;
    while (bs < be && b.charAt(bs) == '0') bs++;
    int la = ae - as;
    int lb = be - bs;
    if (la != lb) return la < lb ? -1 : 1;
    for (int i = 0; i < la; i++) {
      char x = a.charAt(as + i);
      char y = b.charAt(bs + i);
      if (x != y) return x < y ? -1 : 1;
    }
    return 0;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
