package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.util.ArrayList;
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
}
