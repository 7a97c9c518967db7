package io.haetae.engine.version;

import java.util.Locale;
import java.util.Optional;

/**
 * The package ecosystems Haetae matches, named as OSV spells them. Each knows its purl type,
 * how its package names are normalised for lookup, and its {@link VersionScheme}.
 *
 * <pre>{@code
 * Ecosystem.fromOsv("Debian:11")      // Optional[DEBIAN]
 * Ecosystem.PYPI.normalizeName("Foo_Bar.baz")  // "foo-bar-baz" (PEP 503)
 * }</pre>
 */
public enum Ecosystem {
  NPM("npm", "npm"),
  MAVEN("Maven", "maven"),
  PYPI("PyPI", "pypi"),
  GO("Go", "golang"),
  CRATES_IO("crates.io", "cargo"),
  NUGET("NuGet", "nuget"),
  RUBYGEMS("RubyGems", "gem"),
  PACKAGIST("Packagist", "composer"),
  HEX("Hex", "hex"),
  PUB("Pub", "pub"),
  HACKAGE("Hackage", "hackage"),
  CRAN("CRAN", "cran"),
  SWIFT("SwiftURL", "swift"),
  DEBIAN("Debian", "deb"),
  UBUNTU("Ubuntu", "deb"),
  ALPINE("Alpine", "apk"),
  RPM("RPM", "rpm"),
  RED_HAT("Red Hat", "rpm"),
  ALMALINUX("AlmaLinux", "rpm"),
  ROCKY("Rocky Linux", "rpm"),
  SUSE("SUSE", "rpm"),
  OPENSUSE("openSUSE", "rpm"),
  BITNAMI("Bitnami", "bitnami"),
  JULIA("Julia", "julia"),
  GENERIC("generic", "generic");

  private final String osvName;
  private final String purlType;

  Ecosystem(String osvName, String purlType) {
    this.osvName = osvName;
    this.purlType = purlType;
  }

  /** The name as OSV writes it in {@code affected[].package.ecosystem}, without release. */
  public String osvName() {
    return osvName;
  }

  /** The package-url type of this ecosystem. */
  public String purlType() {
    return purlType;
  }

  /** The version ordering of this ecosystem. */
  public VersionScheme scheme() {
    return VersionSchemes.of(this);
  }

  /**
   * Maps an OSV ecosystem string, release suffix allowed ("Debian:11", "Alpine:v3.16",
   * "Red Hat:rhel_e4s:8.6::appstream"), case-insensitively.
   */
  public static Optional<Ecosystem> fromOsv(String osv) {
    if (osv == null || osv.isBlank()) return Optional.empty();
    int colon = osv.indexOf(':');
    String base = (colon < 0 ? osv : osv.substring(0, colon)).trim();
    for (Ecosystem e : values()) {
      if (e.osvName.equalsIgnoreCase(base)) return Optional.of(e);
    }
    return Optional.empty();
  }

  /** The release part of an OSV ecosystem string ("11" for "Debian:11"), or null. */
  public static String releaseOf(String osv) {
    if (osv == null) return null;
    int colon = osv.indexOf(':');
    return colon < 0 || colon == osv.length() - 1 ? null : osv.substring(colon + 1);
  }

  /**
   * Maps a purl type (and namespace, which tells Debian from Ubuntu and the RPM
   * distributions apart) to an ecosystem.
   */
  public static Optional<Ecosystem> fromPurl(String type, String namespace) {
    if (type == null) return Optional.empty();
    String t = type.toLowerCase(Locale.ROOT);
    String ns = namespace == null ? "" : namespace.toLowerCase(Locale.ROOT);
    return switch (t) {
      case "deb" -> Optional.of(ns.equals("ubuntu") ? UBUNTU : DEBIAN);
      case "rpm" -> Optional.of(switch (ns) {
        case "redhat" -> RED_HAT;
        case "almalinux" -> ALMALINUX;
        case "rocky", "rocky-linux" -> ROCKY;
        case "suse", "sles" -> SUSE;
        case "opensuse" -> OPENSUSE;
        default -> RPM;
      });
      case "apk" -> Optional.of(ALPINE);
      case "github" -> Optional.empty();
      default -> {
        for (Ecosystem e : values()) {
          if (e.purlType.equals(t) && e != GENERIC) yield Optional.of(e);
        }
        yield Optional.empty();
      }
    };
  }

  /**
   * The package name as the advisory index keys it. Case and separators are folded only
   * where the ecosystem itself treats names as equal: PyPI per PEP 503; NuGet, Packagist,
   * crates.io and Hex case-insensitively; Maven, npm and Go names are case-sensitive.
   */
  public String normalizeName(String name) {
    String n = name.trim();
    return switch (this) {
      case PYPI -> n.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      case NUGET, PACKAGIST, CRATES_IO, HEX, PUB, ALPINE, DEBIAN, UBUNTU -> n.toLowerCase(Locale.ROOT);
      default -> n;
    };
  }
}
