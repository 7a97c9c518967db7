package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.PackageKey;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Matching keeps ranges parsed and sorted and {@code versions} lists sorted for binary search,
 * across uploads (issue 17). Over every record of the shared OSV corpus, for every version any
 * record of the package names plus one below and one above them all, the verdict must be the
 * one the OSV algorithm gives when everything is parsed and sorted afresh, written out plainly
 * here; and the index, which parses a component's version once for all advisories, must give
 * the same verdicts (reasons included) as evaluating each advisory on its own.
 */
class PreparedRangesTest {

  @Test
  void preparedMatchingDecidesAsTheOsvAlgorithmOnFreshlyParsedEvents() throws Exception {
    Path dir = SharedData.require("corpora/osv");
    var byKey = new HashMap<PackageKey, List<Advisory>>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl.gz")).sorted().toList()) {
        try (var entries = new OsvSource().read(file)) {
          entries.forEach(e -> {
            if (e instanceof OsvSource.Accepted a && !a.advisory().isWithdrawn()) {
              AdvisoryIndex.keysOf(a.advisory()).forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(a.advisory()));
            }
          });
        }
      }
    }
    int compared = 0, affected = 0;
    for (var package_ : byKey.entrySet()) {
      var index = AdvisoryIndex.of(package_.getValue());
      for (String version : versionsNamed(package_.getValue(), package_.getKey())) {
        var installed = new InstalledPackage(package_.getKey(), version, null);
        var viaIndex = new java.util.IdentityHashMap<Advisory, Verdict>(); // ids repeat across the corpus files
        index.match(installed).forEach(m -> viaIndex.put(m.advisory(), m.verdict()));
        for (Advisory a : package_.getValue()) {
          Verdict alone = RangeEvaluator.evaluate(a, installed);
          boolean expected = affectedAfresh(a, installed);
          assertThat(alone instanceof Verdict.Affected).as("%s %s %s", a.id(), package_.getKey(), version).isEqualTo(expected);
          assertThat(viaIndex.getOrDefault(a, new Verdict.NotAffected())).as("%s %s %s", a.id(), package_.getKey(), version)
              .isEqualTo(alone);
          compared++;
          if (expected) affected++;
        }
      }
    }
    System.out.printf("compared %,d verdicts, %,d affected%n", compared, affected);
    assertThat(compared).isGreaterThan(100_000);
    assertThat(affected).isGreaterThan(20_000);
  }

  /** Every version the package's records name (events and lists), at most 6, and two beyond them. */
  private static Set<String> versionsNamed(List<Advisory> advisories, PackageKey key) {
    var out = new LinkedHashSet<String>();
    out.add("0.0.0");
    out.add("999999.0.0");
    for (Advisory a : advisories) {
      for (var entry : RangeEvaluator.relevantEntries(a, new InstalledPackage(key, "0", null))) {
        entry.ranges().forEach(r -> r.events().forEach(e -> out.add(e.version())));
        out.addAll(entry.versions());
      }
    }
    return out.stream().limit(8).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
  }

  /** The OSV algorithm with nothing kept: lists compared one by one, each range parsed and sorted now. */
  private static boolean affectedAfresh(Advisory advisory, InstalledPackage installed) {
    VersionScheme ecosystem = installed.key().ecosystem().scheme();
    for (var entry : RangeEvaluator.relevantEntries(advisory, installed)) {
      for (String listed : entry.versions()) {
        if (listed.equals(installed.version()) || Integer.valueOf(0).equals(compare(ecosystem, listed, installed.version()))) return true;
      }
      for (AffectedRange range : entry.ranges()) {
        if (range.type() == AffectedRange.RangeType.GIT) continue;
        VersionScheme scheme = range.type() == AffectedRange.RangeType.SEMVER ? VersionScheme.semver() : ecosystem;
        if (inRangeAfresh(range, scheme, installed.version())) return true;
      }
    }
    return false;
  }

  private static Integer compare(VersionScheme scheme, String a, String b) {
    try {
      return scheme.parse(a).compareTo(scheme.parse(b));
    } catch (InvalidVersionException e) {
      return null;
    }
  }

  private static boolean inRangeAfresh(AffectedRange range, VersionScheme scheme, String text) {
    Version v;
    var events = new ArrayList<Map.Entry<RangeEvent, Version>>();
    try {
      v = scheme.parse(text);
      for (RangeEvent e : range.events()) {
        boolean zero = e instanceof RangeEvent.Introduced && "0".equals(e.version());
        events.add(new java.util.AbstractMap.SimpleEntry<>(e, zero ? null : scheme.parse(e.version())));
      }
    } catch (InvalidVersionException e) {
      return false;
    }
    events.sort(Map.Entry.comparingByValue(Comparator.nullsFirst(Comparator.naturalOrder())));
    boolean affected = false;
    for (var e : events) {
      Version at = e.getValue();
      switch (e.getKey()) {
        case RangeEvent.Introduced i -> affected |= at == null || v.compareTo(at) >= 0;
        case RangeEvent.Fixed f -> affected &= v.compareTo(at) < 0;
        case RangeEvent.LastAffected l -> affected &= v.compareTo(at) <= 0;
        case RangeEvent.Limit l -> {
          if (v.compareTo(at) >= 0) return false;
        }
      }
    }
    return affected;
  }
}
