package io.haetae.bench;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.match.AdvisoryIndex;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap used by the in-memory match index ({@link AdvisoryIndex}) per 10,000 advisories, over the
 * shared OSV corpus. Method: heap in use after repeated full GCs, measured before loading, after
 * the advisories are read (kept as a list), and after the index over them is built; the index
 * holds the advisories themselves, so "index with advisories" is what a hub keeps in memory and
 * "index structure" is the map on top. Run with a fixed heap (-Xms = -Xmx) and -XX:+UseSerialGC
 * so the figures are steady.
 */
public final class IndexMemoryScenario {

  private IndexMemoryScenario() {}

  public static void main(String[] args) throws Exception {
    Path osv = Path.of(args.length > 0 ? args[0] : "../shared/corpora/osv");
    long before = used();
    List<Advisory> advisories = new ArrayList<>();
    try (var entries = new OsvSource().read(osv)) {
      entries.forEach(e -> {
        if (e instanceof OsvSource.Accepted a) advisories.add(a.advisory());
      });
    }
    long loaded = used();
    var index = AdvisoryIndex.of(advisories);
    long indexed = used();
    int n = advisories.size();
    System.out.printf("advisories: %d read, %d indexed under %d package keys%n", n, index.advisoryCount(), index.packageCount());
    System.out.printf("advisories alone:         %6.1f MiB per 10,000%n", per10k(loaded - before, n));
    System.out.printf("index structure on top:   %6.1f MiB per 10,000%n", per10k(indexed - loaded, n));
    System.out.printf("index with advisories:    %6.1f MiB per 10,000%n", per10k(indexed - before, n));
    // Both stay reachable until here, so the last measurement counts them.
    if (index.advisoryCount() > advisories.size()) throw new IllegalStateException("index larger than its input");
  }

  private static double per10k(long bytes, int n) {
    return bytes / (1024.0 * 1024.0) * 10_000 / n;
  }

  private static long used() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }
}
