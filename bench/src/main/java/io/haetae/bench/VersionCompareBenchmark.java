package io.haetae.bench;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Version comparison throughput per ecosystem: {@code compareParsed} compares pre-parsed
 * versions (what matching does for each range event), {@code parse} parses one version, and
 * {@code parseAndCompare} parses two and compares them (the CLI path). Each invocation works
 * through a fixed sample of realistic versions of the ecosystem, so the scores are operations
 * per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VersionCompareBenchmark {

  static final int N = 16;

  @Param({"npm", "crates.io", "Go", "PyPI", "Maven", "NuGet", "RubyGems", "Packagist", "Debian", "Alpine", "RPM"})
  public String ecosystem;

  private VersionScheme scheme;
  private String[] texts;
  private Version[] parsed;

  @Setup
  public void setUp() throws InvalidVersionException {
    Ecosystem eco = Ecosystem.fromOsv(ecosystem).orElseThrow();
    scheme = eco.scheme();
    texts = samples(eco);
    parsed = new Version[N];
    for (int i = 0; i < N; i++) parsed[i] = scheme.parse(texts[i]);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void compareParsed(Blackhole bh) {
    Version[] p = parsed;
    for (int i = 0; i < N; i++) bh.consume(p[i].compareTo(p[(i + 1) & (N - 1)]));
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void parse(Blackhole bh) throws InvalidVersionException {
    for (int i = 0; i < N; i++) bh.consume(scheme.parse(texts[i]));
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void parseAndCompare(Blackhole bh) throws InvalidVersionException {
    for (int i = 0; i < N; i++) bh.consume(scheme.compare(texts[i], texts[(i + 1) & (N - 1)]));
  }

  /** Sixteen versions typical of the ecosystem, neighbours differing late (the expensive case). */
  static String[] samples(Ecosystem eco) {
    return switch (eco) {
      case NPM, CRATES_IO -> new String[] {"1.2.3", "1.2.4", "1.2.4-beta.1", "1.2.4-beta.2", "1.10.0", "2.0.0-rc.1",
          "2.0.0", "2.0.0+build.5", "4.17.21", "4.17.20", "0.0.1", "0.0.1-alpha", "10.2.1", "10.2.1-next.0", "3.0.0", "3.0.1"};
      case GO -> new String[] {"v1.2.3", "v1.2.4", "v0.0.0-20210101000000-abcdef123456", "v0.0.0-20220101000000-abcdef123456",
          "v2.0.0+incompatible", "v1.10.0", "v0.7.0", "v0.6.0", "v1.0.0-rc.1", "v1.0.0", "v3.1.4", "v3.1.5",
          "v1.21.0", "v1.20.14", "v0.1.0", "v0.1.0-alpha"};
      case PYPI -> new String[] {"1.2.3", "1.2.4", "1.2.4rc1", "1.2.4.post1", "2.0.0.dev3", "2.0.0a1", "2.0.0", "2.0.0+local.1",
          "1!0.1", "3.11.4", "3.11.5", "0.0.1", "22.3.1", "22.3", "4.2b2", "4.2"};
      case MAVEN -> new String[] {"1.2.3", "1.2.4", "1.2.4-SNAPSHOT", "1.2.4-RC1", "2.0.0.Final", "2.0.0", "2.17.1", "2.17.0",
          "5.3.20.RELEASE", "5.3.21", "1.0-alpha-1", "1.0", "31.1-jre", "31.1-android", "3.12.0", "3.12"};
      case NUGET -> new String[] {"1.2.3", "1.2.4", "1.2.4-beta.1", "1.2.4-BETA.2", "13.0.1", "13.0.2", "6.0.0-preview.7",
          "6.0.0", "4.7.2", "4.7.2.1", "1.0", "1.0.0.1", "2.1.0-rc1", "2.1.0", "8.0.0", "7.0.14"};
      case RUBYGEMS -> new String[] {"1.2.3", "1.2.4", "1.2.4.rc1", "1.2.4.beta.2", "7.0.4", "7.0.4.1", "6.1.7.3", "6.1.7",
          "2.0.0.pre", "2.0.0", "1.13.10", "1.13.9", "0.9.1", "0.10.0", "3.2", "3.2.0.1"};
      case PACKAGIST -> new String[] {"1.2.3", "1.2.4", "v1.2.4-beta1", "1.2.4-RC2", "5.4.0", "5.4.1", "2.0.0-alpha", "2.0.0",
          "6.4.12", "6.4.13", "1.0.0-p1", "1.0.0", "10.0.0", "9.52.16", "3.1", "3.1.0"};
      case DEBIAN, UBUNTU -> new String[] {"1.2.3-1", "1.2.3-2", "1:2.30-3", "1:2.30-3+deb11u1", "3.0.11-1~deb12u2",
          "3.0.11-1~deb12u1", "2.36.1-8+deb11u1", "2.36.1-8", "7.88.1-10+deb12u5", "7.88.1-10", "1.0~rc1-1", "1.0-1",
          "5.10.0-28", "5.10.0-29", "0.9.8+dfsg-2", "0.9.8-2"};
      case ALPINE -> new String[] {"1.2.3-r0", "1.2.3-r1", "1.2.3_rc1-r0", "1.2.3_p2-r0", "3.0.8-r3", "3.0.8-r4", "1.36.1-r5",
          "1.36.1-r15", "8.5.0-r0", "8.4.0-r0", "2.4.57_git20230101-r0", "2.4.57-r0", "1.1.1t-r0", "1.1.1u-r0", "0.9_beta2-r1", "0.9-r1"};
      default -> new String[] {"1.2.3-1.el8", "1.2.3-2.el8", "1:2.30-3.el9", "1:2.30-3.el9_2", "3.0.7-16.el9_2",
          "3.0.7-18.el9", "2.34-60.el9", "2.34-60.el9_2.7", "1.0~rc1-1", "1.0-1", "4.18.0-477.10.1.el8_8",
          "4.18.0-477.13.1.el8_8", "7.76.1-26.el9", "7.76.1-23.el9", "1.0^git1-1", "1.0.1-1"};
    };
  }
}
