package io.haetae.bench;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.SbomScan;
import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.CycloneDxJsonWriter;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.sbom.SbomReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An uploaded SBOM end to end, as the hub and {@code haetae scan} handle it: parse and
 * validate CycloneDX 1.6 JSON, then match every component against the real GitHub Maven
 * advisories of the shared corpus ({@code ghsa-maven-sample.jsonl.gz}). Components: every
 * other one names a package those advisories cover (each covered package once, at a version
 * from its ranges, until they run out), the rest other packages; all Maven, as in an
 * enterprise Java SBOM. Time per SBOM; components per second is
 * {@code components / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SbomScanBenchmark {

  @Param({"100", "1000", "10000"})
  public int components;

  private byte[] bom;
  private AdvisoryIndex index;

  @Setup
  public void setUp() throws Exception {
    var shared = Path.of(System.getProperty("haetae.shared", "../shared"));
    var corpus = shared.resolve("corpora/osv/ghsa-maven-sample.jsonl.gz");
    if (!Files.exists(corpus)) throw new IllegalStateException(corpus + " is needed (set -Dhaetae.shared=...)");
    var advisories = new ArrayList<Advisory>();
    try (var entries = new OsvSource().read(corpus)) {
      entries.forEach(e -> {
        if (e instanceof OsvSource.Accepted a) advisories.add(a.advisory());
      });
    }
    index = AdvisoryIndex.of(advisories);
    bom = new CycloneDxJsonWriter().write(sbom(advisories, components), "bench");
  }

  static Sbom sbom(List<Advisory> advisories, int n) {
    var random = new Random(42);
    // One entry per package name (an SBOM lists a package once), at the last event version
    // of one of its advisories' ranges: on the edge of a range, where matching works hardest.
    var byName = new java.util.LinkedHashMap<String, String[]>();
    for (var a : advisories) {
      for (var p : a.affected()) {
        if (!"Maven".equals(p.ecosystem()) || !p.name().contains(":")) continue;
        var version = p.ranges().isEmpty() || p.ranges().getFirst().events().isEmpty() ? "1.0.0"
            : p.ranges().getFirst().events().getLast().version();
        byName.putIfAbsent(p.name(), new String[] {p.name(), version});
      }
    }
    var covered = new ArrayList<>(byName.values());
    var list = new ArrayList<Component>();
    for (int i = 0; i < n; i++) {
      String group;
      String artifact;
      String version;
      if (i % 2 == 0 && i / 2 < covered.size()) {
        var c = covered.get(i / 2);
        group = c[0].substring(0, c[0].indexOf(':'));
        artifact = c[0].substring(c[0].indexOf(':') + 1);
        version = c[1];
      } else {
        group = "com.example.team" + random.nextInt(50);
        artifact = "lib-" + i;
        version = "1." + random.nextInt(20) + "." + random.nextInt(10);
      }
      var purl = "pkg:maven/" + group + "/" + artifact + "@" + version;
      list.add(new Component(purl + "#" + i, "library", group, artifact, version, purl, null, List.of("Apache-2.0")));
    }
    var subject = new Component("app", "application", null, "bench-app", "1.0", null, null, List.of());
    return new Sbom("CycloneDX", "1.6", null, subject, list, Map.of());
  }

  @Benchmark
  public SbomScan parseAndMatch() throws SbomException {
    var sbom = SbomReaders.standard().read(bom, "bench.json");
    return SbomScan.of(sbom, index);
  }

  @Benchmark
  public Sbom parseOnly() throws SbomException {
    return SbomReaders.standard().read(bom, "bench.json");
  }
}
