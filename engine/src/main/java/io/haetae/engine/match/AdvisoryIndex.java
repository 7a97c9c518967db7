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
    // Ranges are parsed and sorted when first evaluated and kept by the process's cache: an
    // index is built per upload from advisories the hub keeps parsed, so parsing them here
    // again for every upload was the larger part of an analysis (BENCHMARKS.md, issue 17).
    return new AdvisoryIndex(Map.copyOf(map), n, VersionCache.shared());
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
    var subject = RangeEvaluator.Subject.of(installed, versions); // the version parsed once for all
    for (Advisory a : byPackage.getOrDefault(installed.key(), List.of())) {
      Verdict v = RangeEvaluator.evaluate(a, installed, subject);
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
