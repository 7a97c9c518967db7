package io.haetae.engine.match;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Advisories indexed by package key, so that matching one component looks only at the
 * advisories naming its package. Withdrawn advisories are left out. Immutable and thread-safe.
 *
 * <pre>{@code
 * AdvisoryIndex index = AdvisoryIndex.of(advisories);
 * List<Match> matches = index.match(InstalledPackage.fromPurl(purl).orElseThrow());
 * }</pre>
 */
public final class AdvisoryIndex {

  private final Map<PackageKey, List<Advisory>> byPackage;
  private final int size;
  private final VersionCache versions;

  private AdvisoryIndex(Map<PackageKey, List<Advisory>> byPackage, int size, VersionCache versions) {
    this.byPackage = byPackage;
    this.size = size;
    this.versions = versions;
  }

  public static AdvisoryIndex of(Collection<Advisory> advisories) {
    Map<PackageKey, List<Advisory>> map = new HashMap<>();
    int n = 0;
    for (Advisory a : advisories) {
      if (a.isWithdrawn()) continue;
      n++;
      for (PackageKey key : keysOf(a)) map.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    var versions = VersionCache.create();
    map.forEach((key, list) -> list.forEach(a -> preparse(a, key, versions)));
    return new AdvisoryIndex(Map.copyOf(map), n, versions);
  }

  /** Parses the advisory's range events once, at index time, in the schemes matching will use. */
  private static void preparse(Advisory advisory, PackageKey key, VersionCache versions) {
    var ecosystem = key.ecosystem().scheme();
    for (AffectedPackage p : advisory.affected()) {
      for (var range : p.ranges()) {
        if (range.type() == io.haetae.engine.advisory.AffectedRange.RangeType.GIT) continue;
        var scheme = RangeEvaluator.schemeFor(range, ecosystem);
        for (var event : range.events()) {
          try {
            versions.parse(scheme, event.version());
          } catch (io.haetae.engine.version.InvalidVersionException e) {
            // Kept as a failure in the cache; evaluation reports it as undecidable.
          }
        }
      }
    }
  }

  /** The package keys an advisory names, once each; entries of unknown ecosystems are skipped. */
  public static Set<PackageKey> keysOf(Advisory advisory) {
    Set<PackageKey> keys = new LinkedHashSet<>();
    for (AffectedPackage p : advisory.affected()) {
      if (p.name() == null || p.name().isBlank()) continue;
      Ecosystem.fromOsv(p.ecosystem()).ifPresent(e -> keys.add(new PackageKey(e, p.name())));
    }
    return keys;
  }

  /** Advisories that affect, or cannot be decided for, the installed package. */
  public List<Match> match(InstalledPackage installed) {
    List<Match> out = new ArrayList<>();
    for (Advisory a : byPackage.getOrDefault(installed.key(), List.of())) {
      Verdict v = RangeEvaluator.evaluate(a, installed, versions);
      if (!(v instanceof Verdict.NotAffected)) out.add(new Match(installed, a, v));
    }
    return out;
  }

  public int advisoryCount() {
    return size;
  }

  public int packageCount() {
    return byPackage.size();
  }
}
