package io.haetae.engine.match;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /** An advisory and its entries that name one package key (several: per distribution release, say). */
  private record Candidate(Advisory advisory, List<AffectedPackage> entries) {}

  private final Map<PackageKey, List<Candidate>> byPackage;
  private final int size;
  private final VersionCache versions;

  private AdvisoryIndex(Map<PackageKey, List<Candidate>> byPackage, int size, VersionCache versions) {
    this.byPackage = byPackage;
    this.size = size;
    this.versions = versions;
  }

  public static AdvisoryIndex of(Collection<Advisory> advisories) {
    Map<PackageKey, List<Candidate>> map = new HashMap<>();
    int n = 0;
    for (Advisory a : advisories) {
      if (a.isWithdrawn()) continue;
      n++;
      // Grouped here once per advisory, not sought again among its entries for every component.
      preparedEntries(a).forEach((key, entries) -> map.computeIfAbsent(key, k -> new ArrayList<>()).add(new Candidate(a, entries)));
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    // Ranges are parsed and sorted when first evaluated and kept by the process's cache: an
    // index is built per upload from advisories the hub keeps parsed, so parsing them here
    // again for every upload was the larger part of an analysis (BENCHMARKS.md, issue 17).
    return new AdvisoryIndex(Map.copyOf(map), n, VersionCache.shared());
  }

  /** The package keys an advisory names, once each; entries of unknown ecosystems are skipped. */
  public static Set<PackageKey> keysOf(Advisory advisory) {
    return new LinkedHashSet<>(entriesByKey(advisory).keySet());
  }

  /** The advisory's entries by the package key they name, in the advisory's order. */
  private static Map<PackageKey, List<AffectedPackage>> entriesByKey(Advisory advisory) {
    Map<PackageKey, List<AffectedPackage>> out = new LinkedHashMap<>();
    for (AffectedPackage p : advisory.affected()) {
      if (p.name() == null || p.name().isBlank()) continue;
      Ecosystem.fromOsv(p.ecosystem()).ifPresent(e -> out.computeIfAbsent(new PackageKey(e, p.name()), k -> new ArrayList<>()).add(p));
    }
    return out;
  }

  /**
   * {@link #entriesByKey}, kept per advisory: the hub builds an index per upload from the same
   * parsed advisories. Keyed by the identity of the advisory's {@code affected} list (as
   * {@link VersionCache} keeps ranges and lists), which holds neither the record's JSON nor
   * anything an evicted advisory would not also leave behind in the range cache. Bounded:
   * starts again empty when full.
   */
  private static Map<PackageKey, List<AffectedPackage>> preparedEntries(Advisory advisory) {
    return VersionCache.memo(PREPARED, MAX_PREPARED, new VersionCache.Same(advisory.affected()), k -> {
      var entries = entriesByKey(advisory);
      entries.replaceAll((key, v) -> List.copyOf(v));
      return java.util.Collections.unmodifiableMap(entries);
    });
  }

  private static final Map<VersionCache.Same, Map<PackageKey, List<AffectedPackage>>> PREPARED =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_PREPARED = 100_000;

  /** Advisories that affect, or cannot be decided for, the installed package. */
  public List<Match> match(InstalledPackage installed) {
    List<Match> out = new ArrayList<>();
    var subject = RangeEvaluator.Subject.of(installed, versions); // the version parsed once for all
    for (Candidate c : byPackage.getOrDefault(installed.key(), List.of())) {
      Verdict v = RangeEvaluator.evaluateSameKey(c.entries(), installed, subject);
      if (!(v instanceof Verdict.NotAffected)) out.add(new Match(installed, c.advisory(), v));
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
