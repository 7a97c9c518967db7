package io.haetae.engine.match;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.Optional;

/**
 * A package as installed: its key, its version and, for distribution packages, the release it
 * belongs to (from the purl's {@code distro} qualifier, e.g. "debian-11" gives "11").
 */
public record InstalledPackage(PackageKey key, String version, String release) {

  /**
   * Reads a purl; empty when it names no ecosystem we match or has no version.
   *
   * <pre>{@code InstalledPackage.fromPurl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")}</pre>
   */
  public static Optional<InstalledPackage> fromPurl(String purl) {
    if (purl == null) return Optional.empty();
    return VersionCache.memo(PARSED, MAX_PARSED, purl, InstalledPackage::fromPurlAfresh);
  }

  /**
   * Parsed purls, whatever they gave: the same package versions recur in every organisation's
   * SBOMs, the upload and its analysis both ask, and parsing a purl was a tenth of an analysis
   * (issue 17). Bounded: the map starts again empty when full.
   */
  private static final java.util.Map<String, Optional<InstalledPackage>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_PARSED = 100_000;

  private static Optional<InstalledPackage> fromPurlAfresh(String purl) {
    return parse(purl).filter(p -> p.getVersion() != null && !p.getVersion().isBlank())
        .flatMap(p -> Ecosystem.fromPurl(p.getType(), p.getNamespace())
            .map(eco -> new InstalledPackage(new PackageKey(eco, nameOf(eco, p)), p.getVersion(), releaseOf(p))));
  }

  /** The package a purl names, with or without a version (a search by package). */
  public static Optional<PackageKey> keyOf(String purl) {
    return parse(purl).flatMap(p -> Ecosystem.fromPurl(p.getType(), p.getNamespace())
        .map(eco -> new PackageKey(eco, nameOf(eco, p))));
  }

  private static Optional<PackageURL> parse(String purl) {
    if (purl == null || purl.isBlank()) return Optional.empty();
    try {
      return Optional.of(new PackageURL(purl.trim()));
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
  }

  /** The package name as OSV writes it for that ecosystem. */
  public static String nameOf(Ecosystem eco, PackageURL p) {
    String ns = p.getNamespace();
    if (ns == null || ns.isBlank()) return p.getName();
    return switch (eco) {
      case MAVEN -> ns + ":" + p.getName();
      case NPM, GO, PACKAGIST, SWIFT -> ns + "/" + p.getName();
      // deb/rpm/apk namespaces name the distribution, not part of the package name.
      default -> p.getName();
    };
  }

  private static String releaseOf(PackageURL p) {
    var q = p.getQualifiers();
    if (q == null) return null;
    String distro = q.get("distro");
    if (distro == null || distro.isBlank()) return null;
    int dash = distro.lastIndexOf('-');
    return dash < 0 ? distro : distro.substring(dash + 1);
  }
}
