package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index parses range events once and caches them; its verdicts must equal a fresh evaluation's. */
class AdvisoryIndexTest {

  @Test
  void cachedVerdictsEqualUncachedOnesAcrossARealCorpus() {
    var corpus = SharedData.require("corpora/osv/ghsa-maven-sample.jsonl.gz");
    var advisories = new ArrayList<Advisory>();
    try (var entries = new OsvSource().read(corpus)) {
      entries.forEach(e -> {
        if (e instanceof OsvSource.Accepted a) advisories.add(a.advisory());
      });
    }
    var index = AdvisoryIndex.of(advisories);
    var byKey = new java.util.HashMap<PackageKey, java.util.List<Advisory>>();
    advisories.stream().filter(x -> !x.isWithdrawn())
        .forEach(x -> AdvisoryIndex.keysOf(x).forEach(k -> byKey.computeIfAbsent(k, y -> new ArrayList<>()).add(x)));
    int compared = 0;
    for (var a : advisories) {
      for (var p : a.affected()) {
        for (var r : p.ranges()) {
          for (var e : r.events()) {
            var installed = new InstalledPackage(new PackageKey(Ecosystem.MAVEN, p.name()), e.version(), null);
            var expected = index.match(installed).stream().map(m -> m.advisory().id() + "=" + m.verdict()).toList();
            var fresh = byKey.getOrDefault(installed.key(), java.util.List.of()).stream()
                .map(x -> x.id() + "=" + RangeEvaluator.evaluate(x, installed))
                .filter(s -> !s.endsWith("NotAffected[]")).toList();
            assertThat(expected).as("%s %s", p.name(), e.version()).isEqualTo(fresh);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  @Test
  void onlyTheEntriesOfTheInstalledReleaseDecide() {
    // One record, one package, two distribution releases fixed at different versions.
    var bookworm = new AffectedPackage("Debian:12", "openssl", null, List.of(new AffectedRange(AffectedRange.RangeType.ECOSYSTEM,
        null, List.of(new RangeEvent.Introduced("0"), new RangeEvent.Fixed("3.0.11-1~deb12u1")), "{}")), List.of(), List.of(), null, null);
    var bullseye = new AffectedPackage("Debian:11", "openssl", null, List.of(new AffectedRange(AffectedRange.RangeType.ECOSYSTEM,
        null, List.of(new RangeEvent.Introduced("0"), new RangeEvent.Fixed("1.1.1w-0+deb11u1")), "{}")), List.of(), List.of(), null, null);
    var advisory = new Advisory("DSA-TEST", List.of(), java.time.Instant.EPOCH, null, null, "s", "d", List.of(),
        List.of(bookworm, bullseye), List.of(), "{}");
    var index = AdvisoryIndex.of(List.of(advisory));
    var key = new PackageKey(Ecosystem.DEBIAN, "openssl");

    // 3.0.9 is below bookworm's fix and above bullseye's: affected on 12 only.
    assertThat(index.match(new InstalledPackage(key, "3.0.9-1", "12"))).singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(new Verdict.Affected("3.0.11-1~deb12u1")));
    assertThat(index.match(new InstalledPackage(key, "3.0.9-1", "11"))).isEmpty();
    // Without a release both entries count, as RangeEvaluator decides alone.
    assertThat(index.match(new InstalledPackage(key, "3.0.9-1", null))).singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo(RangeEvaluator.evaluate(advisory, new InstalledPackage(key, "3.0.9-1", null))));
  }
}
