package io.haetae.bench;

import io.haetae.engine.generate.SbomGenerator;
import io.haetae.engine.sbom.CycloneDxJsonWriter;
import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code haetae sbom generate} on a node_modules-scale npm project: a package-lock.json v3 of
 * {@code packages} installed copies (a React/webpack app has 1,500 to 3,000), one in eight
 * nested under another package with its own version, each with two to five dependencies, as
 * npm 9 writes it. Time to read it and write CycloneDX 1.6 JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LockfileGenerationBenchmark {

  @Param({"2000", "20000"})
  public int packages;

  private Path dir;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("haetae-bench-npm");
    Files.writeString(dir.resolve("package-lock.json"), packageLock(packages));
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(dir.resolve("package-lock.json"));
    Files.deleteIfExists(dir);
  }

  static String packageLock(int n) {
    var random = new Random(7);
    var out = new StringBuilder(n * 400);
    out.append("{\n  \"name\": \"bench-web\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n");
    out.append("  \"packages\": {\n    \"\": {\n      \"name\": \"bench-web\",\n      \"version\": \"1.0.0\",\n");
    out.append("      \"dependencies\": {");
    for (int i = 0; i < 40; i++) out.append(i == 0 ? "" : ",").append("\n        \"pkg-").append(i).append("\": \"^1.0.0\"");
    out.append("\n      }\n    }");
    for (int i = 0; i < n; i++) {
      boolean nested = i % 8 == 7;
      var path = nested ? "node_modules/pkg-" + (i - 1) + "/node_modules/pkg-" + random.nextInt(n) : "node_modules/pkg-" + i;
      var version = (1 + random.nextInt(9)) + "." + random.nextInt(30) + "." + random.nextInt(20);
      out.append(",\n    \"").append(path).append("\": {\n      \"version\": \"").append(version).append("\",\n");
      out.append("      \"resolved\": \"https://registry.npmjs.org/pkg/-/pkg-").append(version).append(".tgz\",\n");
      out.append("      \"integrity\": \"sha512-").append(Long.toHexString(random.nextLong())).append("==\",\n");
      out.append("      \"dependencies\": {");
      int deps = 2 + random.nextInt(4);
      for (int d = 0; d < deps; d++) {
        out.append(d == 0 ? "" : ",").append("\n        \"pkg-").append(random.nextInt(n)).append("\": \"^1.0.0\"");
      }
      out.append("\n      }\n    }");
    }
    return out.append("\n  }\n}\n").toString();
  }

  @Benchmark
  public byte[] generate() throws SbomException {
    return new CycloneDxJsonWriter().write(SbomGenerator.standard().generate(dir), "bench");
  }
}
