package io.haetae.engine.version;

import java.util.EnumMap;
import java.util.Map;

/** The scheme of each ecosystem; see docs/versions.md for which are our own and which reuse versatile. */
final class VersionSchemes {

  /** ComparableVersion accepts any string; longer ones are not versions anyone publishes. */
  static final int MAVEN_MAX_LENGTH = 4096;

  private static final Map<Ecosystem, VersionScheme> SCHEMES = new EnumMap<>(Ecosystem.class);

  static {
    for (Ecosystem e : Ecosystem.values()) {
      SCHEMES.put(e, switch (e) {
        case NPM -> SemverScheme.NPM;
        case CRATES_IO -> SemverScheme.CARGO;
        case GO -> SemverScheme.GO;
        case HEX -> SemverScheme.SEMVER;
        case MAVEN -> new VersatileScheme("maven", "Maven (ComparableVersion)", MAVEN_MAX_LENGTH);
        case PYPI -> Pep440Scheme.INSTANCE;
        case NUGET -> NuGetScheme.INSTANCE;
        case RUBYGEMS -> GemScheme.INSTANCE;
        case PACKAGIST -> new VersatileScheme("composer", "Packagist (composer/semver)");
        case DEBIAN, UBUNTU -> DpkgScheme.INSTANCE;
        case ALPINE -> ApkScheme.INSTANCE;
        case RPM, RED_HAT, ALMALINUX, ROCKY, SUSE, OPENSUSE -> RpmScheme.INSTANCE;
        default -> new VersatileScheme("generic", e.osvName() + " (generic)");
      });
    }
  }

  private VersionSchemes() {}

  /** SemVer 2.0 as node-semver orders it: OSV {@code SEMVER} ranges, whatever the ecosystem. */
  static VersionScheme semver() {
    return SemverScheme.SEMVER;
  }

  static VersionScheme of(Ecosystem ecosystem) {
    return SCHEMES.get(ecosystem);
  }
}
