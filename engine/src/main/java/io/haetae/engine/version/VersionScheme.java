package io.haetae.engine.version;

/**
 * How one ecosystem orders its versions. Parse once, compare the parsed values many times:
 * matching parses a component's version once and compares it against every range event.
 *
 * <pre>{@code
 * VersionScheme npm = Ecosystem.NPM.scheme();
 * Version a = npm.parse("1.2.3-beta.1");
 * Version b = npm.parse("1.2.3");
 * assert a.compareTo(b) < 0;
 * }</pre>
 *
 * Implementations are stateless and thread-safe. {@link #parse} never throws anything but
 * {@link InvalidVersionException}, whatever the input (empty, "latest", 300 digits, non-ASCII).
 */
public interface VersionScheme {

  /** A short name for messages and docs, e.g. "npm (node-semver)". */
  String name();

  /** Parses {@code text} into a comparable value of this scheme. */
  Version parse(String text) throws InvalidVersionException;

  /**
   * SemVer 2.0 as node-semver orders it (a leading "v" accepted). OSV {@code SEMVER} ranges use
   * it whatever the package's ecosystem.
   */
  static VersionScheme semver() {
    return VersionSchemes.semver();
  }

  /** Compares two version strings of this scheme: negative, zero or positive. */
  default int compare(String a, String b) throws InvalidVersionException {
    return Integer.signum(parse(a).compareTo(parse(b)));
  }
}
