package io.haetae.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Real OSV/GHSA/PYSEC advisories (fixtures/osv/upgrade, copied from the shared OSV corpus). */
class UpgradePlannerTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void jacksonDatabindGetsOneTargetThatFixesEveryAdvisory() {
    var plan = UpgradePlanner.plan(pkg("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8"), read("jackson-databind.jsonl"));

    assertThat(plan.target()).isEqualTo("2.12.7.1");
    assertThat(plan.fixesAll()).isTrue();
    assertThat(plan.fixes()).hasSizeGreaterThan(40).contains("GHSA-57j2-w4cx-62h2");
  }

  @Test
  void jacksonDatabindOnALaterPatchStillNeedsTheSameTarget() {
    var plan = UpgradePlanner.plan(pkg("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2"), read("jackson-databind.jsonl"));

    assertThat(plan.target()).isEqualTo("2.13.4.2");
    assertThat(plan.fixesAll()).isTrue();
  }

  @Test
  void guavaKeepsTheInstalledVariant() {
    var plan = UpgradePlanner.plan(pkg("pkg:maven/com.google.guava/guava@30.1-jre"), read("guava.jsonl"));

    assertThat(plan.target()).isEqualTo("32.0.0-jre");
    assertThat(plan.fixes()).containsExactlyInAnyOrder("GHSA-5mg8-w23w-74h3", "GHSA-7g45-4rm6-3mm3");
  }

  @Test
  void guavaAndroidStaysAndroid() {
    var plan = UpgradePlanner.plan(pkg("pkg:maven/com.google.guava/guava@20.0-android"), read("guava.jsonl"));

    assertThat(plan.target()).isEqualTo("32.0.0-android");
    assertThat(plan.fixes()).hasSize(3);
  }

  @Test
  void npmPrefersTheInstalledBranch() {
    assertThat(UpgradePlanner.plan(pkg("pkg:npm/mixin-deep@1.3.1"), read("npm.jsonl")).target()).isEqualTo("1.3.2");
    assertThat(UpgradePlanner.plan(pkg("pkg:npm/mixin-deep@2.0.0"), read("npm.jsonl")).target()).isEqualTo("2.0.1");
  }

  @Test
  void npmWithoutAFixHasNoTarget() {
    var plan = UpgradePlanner.plan(pkg("pkg:npm/shiba@1.0.0"), read("npm.jsonl"));

    assertThat(plan.target()).isNull();
    assertThat(plan.unfixed()).containsExactly("GHSA-jvf4-g24p-2qgw");
  }

  @Test
  void pypiTargetClearsEveryRangeAndSkipsCommitFixes() {
    var plan = UpgradePlanner.plan(pkg("pkg:pypi/urllib3@1.24.1"), read("urllib3.jsonl"));

    assertThat(plan.target()).isEqualTo("1.26.18");
    assertThat(plan.fixes()).contains("PYSEC-2019-132", "PYSEC-2023-212").doesNotContain("PYSEC-2017-98");
  }

  @Test
  void pypiOnTheTwoLineStaysOnIt() {
    assertThat(UpgradePlanner.plan(pkg("pkg:pypi/urllib3@2.0.3"), read("urllib3.jsonl")).target()).isEqualTo("2.0.7");
  }

  @Test
  void unaffectedPackageHasNoPlan() {
    var plan = UpgradePlanner.plan(pkg("pkg:pypi/urllib3@2.2.0"), read("urllib3.jsonl"));

    assertThat(plan.target()).isNull();
    assertThat(plan.fixes()).isEmpty();
    assertThat(plan.unfixed()).isEmpty();
  }

  @Test
  void variantsAreReleaseLinesNotPreReleases() {
    assertThat(UpgradePlanner.variantOf("30.1-jre")).isEqualTo("jre");
    assertThat(UpgradePlanner.variantOf("1.0-beta")).isNull();
    assertThat(UpgradePlanner.variantOf("2.9.8")).isNull();
    assertThat(UpgradePlanner.withVariant("32.0.0-android", "jre")).isEqualTo("32.0.0-jre");
    assertThat(UpgradePlanner.withVariant("32.0.0", "jre")).isEqualTo("32.0.0-jre");
  }

  private static InstalledPackage pkg(String purl) {
    return InstalledPackage.fromPurl(purl).orElseThrow();
  }

  private static List<Advisory> read(String file) {
    try (InputStream in = UpgradePlannerTest.class.getResourceAsStream("/fixtures/osv/upgrade/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
          .map(l -> switch (new OsvReader().read(MAPPER.readTree(l))) {
            case OsvReader.Parsed p -> p.advisory();
            case OsvReader.Rejected r -> throw new AssertionError(r.toString());
          }).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
