package io.haetae.engine.version;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions as {@code Gem::Version} (RubyGems 3.3, Ruby 3.1) validates and orders them.
 * A version is split into numeric and alphabetic segments ("1.0.b1" is 1, 0, "b", 1; a hyphen
 * reads as ".pre."); trailing zeros are dropped before the first letter and at the end
 * ({@code canonical_segments}); a letter segment sorts before any number.
 *
 * <pre>{@code
 * GemScheme.INSTANCE.compare("1.0.0.rc1", "1.0.0") // -1
 * }</pre>
 */
final class GemScheme implements VersionScheme {

  static final GemScheme INSTANCE = new GemScheme();

  /** Not a RubyGems limit; a guard so hostile input stays cheap. */
  static final int MAX_LENGTH = 4096;

  private GemScheme() {}

  @Override
  public String name() {
    return "RubyGems (Gem::Version)";
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    InvalidVersionException.requireBounded(text, MAX_LENGTH);
    // ANCHORED_VERSION_PATTERN = /\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z/
    // Ruby's \s is ASCII whitespace only.
    int from = 0;
    int to = text.length();
    while (from < to && isRubySpace(text.charAt(from))) from++;
    while (to > from && isRubySpace(text.charAt(to - 1))) to--;
    if (from == to) {
      // Gem::Version.new("") is version 0: the pattern's version group is optional.
      return new Parsed(text, new long[0], new String[0], 0);
    }
    if (!matchesPattern(text, from, to)) {
      throw new InvalidVersionException(text, "malformed RubyGems version");
    }
    return segments(text, from, to);
  }

  private static boolean isRubySpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isAlnum(char c) {
    return Numerals.isDigit(c) || Numerals.isAsciiLetter(c);
  }

  private static boolean matchesPattern(String s, int from, int to) {
    int i = from;
    if (!Numerals.isDigit(s.charAt(i))) return false;
    while (i < to && Numerals.isDigit(s.charAt(i))) i++;
    // (?>\.[0-9a-zA-Z]+)*
    while (i < to && s.charAt(i) == '.') {
      int start = ++i;
      while (i < to && isAlnum(s.charAt(i))) i++;
      if (i == start) return false;
    }
    if (i == to) return true;
    // (-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?
    if (s.charAt(i) != '-') return false;
    i++;
    int start = i;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (i == start || i + 1 == to) return false;
        start = i + 1;
      } else if (!(isAlnum(c) || c == '-')) {
        return false;
      }
    }
    return i > start;
  }

  /**
   * {@code @version.gsub("-", ".pre.").scan(/[0-9]+|[a-z]+/i)}, then canonical_segments: the
   * numeric head and the rest (from the first letter segment) each lose trailing zeros.
   */
  private static Parsed segments(String text, int from, int to) {
    List<Object> segs = new ArrayList<>();
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      int start = i;
      if (Numerals.isDigit(c)) {
        while (i < to && Numerals.isDigit(text.charAt(i))) i++;
        long v = Numerals.valueOf(text, start, i);
        segs.add(v >= 0 ? (Object) v : new BigNumber(Numerals.canonical(text, start, i)));
      } else if (Numerals.isAsciiLetter(c)) {
        while (i < to && Numerals.isAsciiLetter(text.charAt(i))) i++;
        segs.add(text.substring(start, i));
      } else {
        if (c == '-') segs.add("pre");
        i++;
      }
    }
    int firstString = segs.size();
    for (int k = 0; k < segs.size(); k++) {
      if (segs.get(k) instanceof String) {
        firstString = k;
        break;
      }
    }
    List<Object> canonical = new ArrayList<>(dropTrailingZeros(segs.subList(0, firstString)));
    canonical.addAll(dropTrailingZeros(segs.subList(firstString, segs.size())));
    int n = canonical.size();
    long[] nums = new long[n];
    String[] strs = new String[n];
    for (int k = 0; k < n; k++) {
      Object o = canonical.get(k);
      if (o instanceof Long l) nums[k] = l;
      else if (o instanceof BigNumber b) {
        nums[k] = -1;
        strs[k] = b.digits;
      } else {
        nums[k] = Long.MIN_VALUE;
        strs[k] = (String) o;
      }
    }
    return new Parsed(text, nums, strs, n);
  }

  private record BigNumber(String digits) {}

  private static List<Object> dropTrailingZeros(List<Object> part) {
    int n = part.size();
    while (n > 0 && part.get(n - 1) instanceof Long l && l == 0) n--;
    return part.subList(0, n);
  }

  /**
   * Canonical segments: {@code nums[i]} is a number (&gt;= 0), -1 for a number longer than 18
   * digits (digits in {@code strs[i]}), or Long.MIN_VALUE for a letter segment ({@code strs[i]}).
   */
  record Parsed(String text, long[] nums, String[] strs, int size) implements Version {

    @Override
    public int compareTo(Version o) {
      Parsed other = (Parsed) o;
      int n = Math.max(size, other.size);
      for (int i = 0; i < n; i++) {
        // A missing segment counts as 0 (Gem::Version#<=>: lhsegments[i] || 0).
        long a = i < size ? nums[i] : 0;
        long b = i < other.size ? other.nums[i] : 0;
        String sa = i < size ? strs[i] : null;
        String sb = i < other.size ? other.strs[i] : null;
        boolean aString = a == Long.MIN_VALUE;
        boolean bString = b == Long.MIN_VALUE;
        int c;
        if (aString && bString) c = Integer.signum(sa.compareTo(sb));
        else if (aString) c = -1;
        else if (bString) c = 1;
        else c = Numerals.compare(a, a < 0 ? sa : null, b, b < 0 ? sb : null);
        if (c != 0) return c;
      }
      return 0;
    }
  }
}
