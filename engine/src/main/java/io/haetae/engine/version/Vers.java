package io.haetae.engine.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A package-url version range ({@code vers:<scheme>/<constraints>}), parsed once and tested
 * with the scheme's own version order. Follows the vers specification: constraints are
 * {@code |}-separated, each an optional comparator ({@code = != < <= > >=}, "=" implied) and a
 * percent-encoded version; {@code *} alone means every version.
 *
 * <pre>{@code
 * Vers range = Vers.parse("vers:npm/>=1.0.0|<2.0.0");
 * range.contains("1.4.2");   // true
 * range.contains("2.0.0");   // false
 * }</pre>
 *
 * {@link #parse} accepts only canonical strings (no white space, no empty constraint, sorted by
 * version where the scheme can order them); {@link #parseLenient} also accepts unsorted constraints and sorts them, and
 * {@link #toString} gives the canonical form.
 */
public final class Vers {

  /** A comparator of one constraint; {@code ANY} is the lone "*". */
  public enum Comparator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), ANY("*");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** One constraint: a comparator and the decoded version text. */
  public record Constraint(Comparator comparator, String version) {
    @Override
    public String toString() {
      if (comparator == Comparator.ANY) return "*";
      return (comparator == Comparator.EQ ? "" : comparator.symbol()) + encode(version);
    }
  }

  private final String scheme;
  private final VersionScheme versionScheme;
  private final List<Constraint> constraints;
  private final List<Version> versions;

  private Vers(String scheme, VersionScheme versionScheme, List<Constraint> constraints, List<Version> versions) {
    this.scheme = scheme;
    this.versionScheme = versionScheme;
    this.constraints = List.copyOf(constraints);
    this.versions = java.util.Collections.unmodifiableList(new ArrayList<>(versions));
  }

  /** The versioning scheme as written ("npm", "pypi", "deb"...). */
  public String scheme() {
    return scheme;
  }

  public List<Constraint> constraints() {
    return constraints;
  }

  /** Parses a canonical vers string; throws {@link IllegalArgumentException} saying why it is not one. */
  public static Vers parse(String text) {
    return parse(text, true);
  }

  /** Parses a vers string whose constraints may be in any order; they are sorted by version. */
  public static Vers parseLenient(String text) {
    return parse(text, false);
  }

  /** The version scheme behind a vers scheme name: purl types ("npm", "deb", "golang"...) and "semver". */
  public static Optional<VersionScheme> schemeNamed(String versScheme) {
    if (versScheme.equals("semver")) return Optional.of(VersionScheme.semver());
    return Ecosystem.fromPurl(versScheme, null).map(Ecosystem::scheme);
  }

  private static Vers parse(String text, boolean canonical) {
    if (text == null) throw new IllegalArgumentException("VERS is missing");
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        throw new IllegalArgumentException("non-canonical VERS: whitespace is not permitted");
      }
    }
    if (!text.startsWith("vers:")) throw new IllegalArgumentException("VERS must start with 'vers:'");
    int slash = text.indexOf('/', 5);
    if (slash < 0) throw new IllegalArgumentException("VERS has no '/' after its versioning scheme");
    String scheme = text.substring(5, slash);
    if (scheme.isEmpty()) throw new IllegalArgumentException("VERS versioning scheme is empty");
    if (canonical && !scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("non-canonical VERS: versioning scheme must be lowercase");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    VersionScheme versionScheme = schemeNamed(scheme)
        .orElseThrow(() -> new IllegalArgumentException("unsupported VERS versioning scheme: " + text.substring(5, slash)));
    String body = text.substring(slash + 1);
    if (body.isEmpty()) throw new IllegalArgumentException("VERS has no constraints");
    if (body.startsWith("|")) throw new IllegalArgumentException("non-canonical VERS: leading pipe is not permitted");
    if (body.endsWith("|")) throw new IllegalArgumentException("non-canonical VERS: trailing pipe is not permitted");
    if (body.contains("||")) throw new IllegalArgumentException("non-canonical VERS: consecutive pipes are not permitted");
    if (body.equals("*")) {
      return new Vers(scheme, versionScheme, List.of(new Constraint(Comparator.ANY, "*")), List.of());
    }
    List<Constraint> constraints = new ArrayList<>();
    List<Version> versions = new ArrayList<>();
    for (String part : body.split("\\|")) {
      Comparator comparator = Comparator.EQ;
      int skip = 0;
      for (Comparator c : new Comparator[] {Comparator.NE, Comparator.LE, Comparator.GE, Comparator.LT, Comparator.GT, Comparator.EQ}) {
        if (part.startsWith(c.symbol())) {
          comparator = c;
          skip = c.symbol().length();
          break;
        }
      }
      if (part.equals("*")) throw new IllegalArgumentException("'*' must be the only constraint");
      String version = decode(part.substring(skip));
      if (version.isEmpty()) throw new IllegalArgumentException("VERS constraint '" + part + "' has no version");
      // A version the scheme rejects is kept: parsing is syntax; contains() reports it.
      Version parsed;
      try {
        parsed = versionScheme.parse(version);
      } catch (InvalidVersionException e) {
        parsed = null;
      }
      versions.add(parsed);
      constraints.add(new Constraint(comparator, version));
    }
    if (versions.contains(null)) return new Vers(scheme, versionScheme, constraints, versions);
    for (int i = 1; i < versions.size(); i++) {
      if (versions.get(i - 1).compareTo(versions.get(i)) > 0) {
        if (canonical) throw new IllegalArgumentException("non-canonical VERS: constraints are not sorted by version");
        return sorted(scheme, versionScheme, constraints, versions);
      }
    }
    return new Vers(scheme, versionScheme, constraints, versions);
  }

  private static Vers sorted(String scheme, VersionScheme versionScheme, List<Constraint> constraints, List<Version> versions) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) order.add(i);
    order.sort((x, y) -> versions.get(x).compareTo(versions.get(y)));
    List<Constraint> c = new ArrayList<>();
    List<Version> v = new ArrayList<>();
    for (int i : order) {
      c.add(constraints.get(i));
      v.add(versions.get(i));
    }
    return new Vers(scheme, versionScheme, c, v);
  }

  /** Whether {@code version} is in the range; an unparseable version is an error, never "not contained". */
  public boolean contains(String version) throws InvalidVersionException {
    if (constraints.get(0).comparator() == Comparator.ANY) {
      versionScheme.parse(version);
      return true;
    }
    return contains(versionScheme.parse(version));
  }

  /**
   * The vers specification's containment algorithm, on the constraints sorted by version;
   * {@code v} must come from this range's scheme. A constraint version the scheme rejects makes
   * the range unusable: that is an error, never "not contained".
   */
  public boolean contains(Version v) throws InvalidVersionException {
    if (constraints.get(0).comparator() == Comparator.ANY) return true;
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i) == null) versionScheme.parse(constraints.get(i).version());
    }
    // Equality first: "=", "<=" and ">=" contain their own version, "!=" excludes it.
    for (int i = 0; i < constraints.size(); i++) {
      if (v.compareTo(versions.get(i)) != 0) continue;
      switch (constraints.get(i).comparator()) {
        case EQ, LE, GE -> {
          return true;
        }
        case NE -> {
          return false;
        }
        default -> { }
      }
    }
    List<Integer> bounds = new ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      Comparator c = constraints.get(i).comparator();
      if (c != Comparator.EQ && c != Comparator.NE) bounds.add(i);
    }
    if (bounds.isEmpty()) return false;
    int first = bounds.get(0);
    if (isLess(constraints.get(first).comparator()) && v.compareTo(versions.get(first)) < 0) return true;
    int last = bounds.get(bounds.size() - 1);
    if (isGreater(constraints.get(last).comparator()) && v.compareTo(versions.get(last)) > 0) return true;
    for (int k = 0; k + 1 < bounds.size(); k++) {
      int cur = bounds.get(k);
      int next = bounds.get(k + 1);
      if (isGreater(constraints.get(cur).comparator()) && isLess(constraints.get(next).comparator())
          && v.compareTo(versions.get(cur)) > 0 && v.compareTo(versions.get(next)) < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLess(Comparator c) {
    return c == Comparator.LT || c == Comparator.LE;
  }

  private static boolean isGreater(Comparator c) {
    return c == Comparator.GT || c == Comparator.GE;
  }

  /** Percent-decodes a version; a '%' not followed by two hex digits is an error. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= s.length()) {
        throw new IllegalArgumentException("non-canonical VERS: invalid percent-encoding in version");
      }
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) throw new IllegalArgumentException("non-canonical VERS: invalid percent-encoding in version");
      if (Character.isLowerCase(s.charAt(i + 1)) || Character.isLowerCase(s.charAt(i + 2))) {
        throw new IllegalArgumentException("non-canonical VERS: percent-encoding in version is not canonical");
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Percent-encodes what a vers version may not carry literally: '%', '|', '/', '?', '#', '@' and non-ASCII. */
  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if (c < 0x21 || c > 0x7E || "%|/?#@".indexOf(c) >= 0) b.append('%').append(String.format("%02X", c));
      else b.append((char) c);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("vers:").append(scheme).append('/');
    for (int i = 0; i < constraints.size(); i++) {
      if (i > 0) b.append('|');
      b.append(constraints.get(i));
    }
    return b.toString();
  }
}
