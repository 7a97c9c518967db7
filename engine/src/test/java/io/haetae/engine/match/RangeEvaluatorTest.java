package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.AffectedRange.RangeType;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.advisory.RangeEvent.Fixed;
import io.haetae.engine.advisory.RangeEvent.Introduced;
import io.haetae.engine.advisory.RangeEvent.LastAffected;
import io.haetae.engine.advisory.RangeEvent.Limit;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeEvaluatorTest {

  private static AffectedRange range(RangeType type, RangeEvent... events) {
    return new AffectedRange(type, type == RangeType.GIT ? "https://example.org/repo.git" : null, List.of(events),
        "{\"source\":\"test\"}");
  }

  private static Advisory advisory(String ecosystem, String name, List<AffectedRange> ranges, List<String> versions) {
    var entry = new AffectedPackage(ecosystem, name, null, ranges, versions, List.of(), null, null);
    return new Advisory("TEST-1", List.of(), Instant.EPOCH, null, null, "s", "d", List.of(), List.of(entry), List.of(), "{}");
  }

  private static Verdict verdict(Advisory advisory, Ecosystem eco, String name, String version) {
    return RangeEvaluator.evaluate(advisory, new InstalledPackage(new PackageKey(eco, name), version, null));
  }

  private static final Advisory NPM_RANGE = advisory("npm", "lodash",
      List.of(range(RangeType.SEMVER, new Introduced("0"), new Fixed("4.17.21"))), List.of());

  @Test
  void introducedZeroAndFixedBoundTheRange() {
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "lodash", "4.17.20")).isEqualTo(new Verdict.Affected("4.17.21"));
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "lodash", "4.17.21-rc.1")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "lodash", "4.17.21")).isInstanceOf(Verdict.NotAffected.class);
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "lodash", "5.0.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void lastAffectedIncludesItsVersion() {
    var a = advisory("PyPI", "django", List.of(range(RangeType.ECOSYSTEM, new Introduced("1.0"), new LastAffected("1.2"))), List.of());
    assertThat(verdict(a, Ecosystem.PYPI, "django", "1.2")).isEqualTo(new Verdict.Affected(null));
    assertThat(verdict(a, Ecosystem.PYPI, "django", "1.2.0")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.PYPI, "django", "1.2.post1")).isInstanceOf(Verdict.NotAffected.class);
    assertThat(verdict(a, Ecosystem.PYPI, "django", "0.9")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void limitEndsTheRange() {
    var a = advisory("Go", "example.com/m", List.of(range(RangeType.SEMVER, new Introduced("1.0.0"), new Limit("1.5.0"))), List.of());
    assertThat(verdict(a, Ecosystem.GO, "example.com/m", "v1.4.9")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.GO, "example.com/m", "v1.5.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void semverRangesAcceptGoVersionsWithV() {
    var a = advisory("Go", "golang.org/x/net",
        List.of(range(RangeType.SEMVER, new Introduced("0"), new Fixed("0.7.0"))), List.of());
    assertThat(verdict(a, Ecosystem.GO, "golang.org/x/net", "v0.0.0-20220127200216-cd36cc0744dd"))
        .isEqualTo(new Verdict.Affected("0.7.0"));
    assertThat(verdict(a, Ecosystem.GO, "golang.org/x/net", "v0.7.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void semverRangesUseSemverEvenInOtherEcosystems() {
    // SemVer orders 1.0.0-rc.1 before 1.0.0; read as a Maven version "rc" also sorts before the
    // release, but "1.0.0-1" is a post-release in Maven and a pre-release in SemVer.
    var a = advisory("Maven", "org.example:lib", List.of(range(RangeType.SEMVER, new Introduced("0"), new Fixed("1.0.0"))), List.of());
    assertThat(verdict(a, Ecosystem.MAVEN, "org.example:lib", "1.0.0-1")).isInstanceOf(Verdict.Affected.class);
    var eco = advisory("Maven", "org.example:lib", List.of(range(RangeType.ECOSYSTEM, new Introduced("0"), new Fixed("1.0.0"))), List.of());
    assertThat(verdict(eco, Ecosystem.MAVEN, "org.example:lib", "1.0.0-1")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void anyOfSeveralRangesAffects() {
    var a = advisory("npm", "pkg", List.of(
        range(RangeType.SEMVER, new Introduced("1.0.0"), new Fixed("1.2.3")),
        range(RangeType.SEMVER, new Introduced("2.0.0"), new Fixed("2.0.5"))), List.of());
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.1.0")).isEqualTo(new Verdict.Affected("1.2.3"));
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "2.0.1")).isEqualTo(new Verdict.Affected("2.0.5"));
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.5.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void recommendsTheSmallestFixThatNoOtherRangeStillAffects() {
    // 1.2.3 fixes the first range but is re-introduced by the second: the next fix is 1.3.0.
    var a = advisory("npm", "pkg", List.of(
        range(RangeType.SEMVER, new Introduced("1.0.0"), new Fixed("1.2.3")),
        range(RangeType.SEMVER, new Introduced("1.2.3"), new Fixed("1.3.0"))), List.of());
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.1.0")).isEqualTo(new Verdict.Affected("1.3.0"));
  }

  @Test
  void versionsListAffectsOnItsOwn() {
    var a = advisory("PyPI", "pkg", List.of(), List.of("1.0", "1.1"));
    assertThat(verdict(a, Ecosystem.PYPI, "pkg", "1.1")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.PYPI, "pkg", "1.1.0")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.PYPI, "pkg", "1.2")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void gitOnlyRangesAreUndecidableNeverNotAffected() {
    var a = advisory("npm", "pkg", List.of(range(RangeType.GIT, new Introduced("0"), new Fixed("abc123"))), List.of());
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.0.0"))
        .isInstanceOfSatisfying(Verdict.Undecidable.class, u -> assertThat(u.reason()).contains("GIT"));
  }

  @Test
  void gitRangeBesideAVersionRangeLetsTheVersionRangeDecide() {
    var a = advisory("npm", "pkg", List.of(
        range(RangeType.GIT, new Introduced("0"), new Fixed("abc123")),
        range(RangeType.SEMVER, new Introduced("0"), new Fixed("1.0.0"))), List.of());
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "0.9.0")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.0.0")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void unparseableInstalledVersionIsUndecidableWithTheReason() {
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "lodash", "latest"))
        .isInstanceOfSatisfying(Verdict.Undecidable.class, u -> assertThat(u.reason()).contains("'latest'"));
  }

  @Test
  void unparseableRangeVersionIsUndecidable() {
    var a = advisory("npm", "pkg", List.of(range(RangeType.SEMVER, new Introduced("0"), new Fixed("not-a-version"))), List.of());
    assertThat(verdict(a, Ecosystem.NPM, "pkg", "1.0.0")).isInstanceOf(Verdict.Undecidable.class);
  }

  @Test
  void ecosystemRangesUseTheEcosystemOrder() {
    var a = advisory("Debian:12", "openssl",
        List.of(range(RangeType.ECOSYSTEM, new Introduced("0"), new Fixed("3.0.11-1~deb12u1"))), List.of());
    assertThat(verdict(a, Ecosystem.DEBIAN, "openssl", "3.0.11-1~deb12u0")).isInstanceOf(Verdict.Affected.class);
    assertThat(verdict(a, Ecosystem.DEBIAN, "openssl", "3.0.11-1")).isInstanceOf(Verdict.NotAffected.class);
  }

  @Test
  void otherPackagesAreNotAffected() {
    assertThat(verdict(NPM_RANGE, Ecosystem.NPM, "underscore", "1.0.0")).isInstanceOf(Verdict.NotAffected.class);
  }
}
