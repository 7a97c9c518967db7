package io.haetae.cli;

import static io.haetae.cli.CliTest.haetae;
import static io.haetae.server.support.Fixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.sbom.SbomReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code haetae scan} and {@code haetae sbom generate} as a CI job runs them: offline, no Spring. */
class ScanCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A project folder under fixtures/scan, as it sits in the build output (a folder, not a copy). */
  private static String project(String name) {
    try {
      return Path.of(ScanCommandTest.class.getResource("/fixtures/scan/" + name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String advisories() {
    return file("demo/advisories.jsonl").toString();
  }

  @Test
  void findsTheVulnerablePinnedPackageAndExitsOne() {
    var run = haetae("scan", project("clinic-portal"), "--advisories", advisories());

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("SEVERITY", "django", "3.2.0")
        .contains("findings in 1 of 4 components; 0 suppressed by VEX; 0 components cannot be matched");
  }

  @Test
  void exitsZeroWhenNothingIsAffectedOrNothingReachesTheThreshold() {
    var clean = haetae("scan", project("clean-tool"), "--advisories", advisories());
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("0 findings in 0 of 1 components");

    var tolerated = haetae("scan", project("clinic-portal"), "--advisories", advisories(),
        "--fail-on", "none");
    assertThat(tolerated.code()).isZero();
    assertThat(tolerated.out()).contains("django");
  }

  @Test
  void failOnCountsOnlyFindingsAtOrAboveTheSeverity() throws Exception {
    var json = haetae("scan", project("clinic-portal"), "--advisories", advisories(),
        "--format", "json", "--fail-on", "none");
    List<Map<String, Object>> findings = JSON.readValue(json.out(), new TypeReference<>() {});
    var severities = findings.stream().map(f -> (String) ((Map<?, ?>) f.get("vulnerability")).get("severity")).toList();

    var critical = haetae("scan", project("clinic-portal"), "--advisories", advisories(),
        "--fail-on", "critical");

    assertThat(critical.code()).isEqualTo(severities.contains("CRITICAL") ? 1 : 0);
    assertThat(severities).isNotEmpty();
  }

  @Test
  void jsonIsTheHubsFindingListShape() throws Exception {
    var run = haetae("scan", project("clinic-portal"), "--advisories", advisories(),
        "--format", "json");

    List<Map<String, Object>> findings = JSON.readValue(run.out(), new TypeReference<>() {});
    assertThat(findings).isNotEmpty().allSatisfy(f -> {
      assertThat(f).containsOnlyKeys("component", "vulnerability", "analysis", "attribution", "matrix");
      assertThat((Map<String, Object>) f.get("component")).containsEntry("name", "django")
          .containsEntry("version", "3.2.0").containsEntry("purl", "pkg:pypi/django@3.2.0");
      assertThat((Map<String, Object>) f.get("vulnerability")).containsKeys("vulnId", "severity", "patchedVersions",
          "recommendation", "aliases", "source");
    });
  }

  @Test
  void sarifLocatesEachResultAtTheLockfileItCameFrom() throws Exception {
    var run = haetae("scan", project("clinic-portal"), "--advisories", advisories(),
        "--format", "sarif");

    Map<String, Object> sarif = JSON.readValue(run.out(), new TypeReference<>() {});
    assertThat(sarif).containsEntry("version", "2.1.0");
    var runs = (List<Map<String, Object>>) sarif.get("runs");
    var results = (List<Map<String, Object>>) runs.getFirst().get("results");
    var rules = (List<Map<String, Object>>) ((Map<?, ?>) ((Map<?, ?>) runs.getFirst().get("tool")).get("driver")).get("rules");
    assertThat(results).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("level")).isIn("error", "warning", "note");
      assertThat(r.toString()).contains("uri=requirements.txt");
      assertThat(rules).extracting(rule -> rule.get("id")).contains(r.get("ruleId"));
    });
  }

  @Test
  void scansAnSbomAndReportsWhatItCannotMatch() {
    var run = haetae("scan", file("fixtures/sbom/no-purl-1.6.json").toString(), "--advisories", advisories());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("commons-text", "2 components cannot be matched",
        "unmatched: openssl@1.1.1k (only a CPE", "unmatched: vendor-blob@2024.1 (no package-url");
  }

  @Test
  void unusableInputExitsTwoNamingTheProblem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bom.json"), "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{}]}");

    var run = haetae("scan", dir.resolve("bom.json").toString(), "--advisories", advisories());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("bom.json: invalid CycloneDX: /components/0");
    assertThat(haetae("scan", dir.toString()).err()).contains("no lockfile or OS package database found");
  }

  @Test
  void sbomGenerateWritesAReadableCycloneDxFile(@TempDir Path dir) throws Exception {
    var bom = dir.resolve("bom.json");

    var run = haetae("sbom", "generate", project("clinic-portal"), "-o", bom.toString());

    assertThat(run.code()).as(run.err()).isZero();
    var sbom = SbomReaders.standard().read(Files.readAllBytes(bom), "bom.json");
    assertThat(sbom.specVersion()).isEqualTo("1.6");
    assertThat(sbom.subject().name()).isEqualTo("clinic-portal");
    assertThat(sbom.components()).extracting(c -> c.purl()).containsExactly("pkg:pypi/django@3.2.0",
        "pkg:pypi/asgiref@3.4.1", "pkg:pypi/pytz@2021.1", "pkg:pypi/sqlparse@0.4.4");
    assertThat(sbom.dependencies().get("project:clinic-portal")).containsExactly("pkg:pypi/django@3.2.0");
  }

  @Test
  void vexNotAffectedWithJustificationSuppressesTheFindingAndSaysWhy() throws Exception {
    var vex = file("fixtures/scan/clinic-portal.openvex.json").toString();

    var table = haetae("scan", project("clinic-portal"), "--advisories", advisories(), "--vex", vex);
    var json = haetae("scan", project("clinic-portal"), "--advisories", advisories(), "--vex", vex, "--format", "json");

    assertThat(table.out()).contains("1 suppressed by VEX", "suppressed: PYSEC-2021-98 in django 3.2.0: not affected "
        + "(vulnerable_code_not_in_execute_path: admindocs is not installed in the clinic portal)");
    List<Map<String, Object>> findings = JSON.readValue(json.out(), new TypeReference<>() {});
    assertThat(findings).extracting(f -> (Object) ((Map<?, ?>) f.get("vulnerability")).get("vulnId"))
        .doesNotContain("PYSEC-2021-98").contains("PYSEC-2021-7", "PYSEC-2021-8");
    assertThat(json.err()).contains("suppressed: PYSEC-2021-98");
  }

  @Test
  void writesVexForTheAnalysedProjectThatReadsBack() throws Exception {
    var run = haetae("scan", project("clinic-portal"), "--advisories", advisories(), "--format", "vex",
        "--vex", file("fixtures/scan/clinic-portal.openvex.json").toString());

    var statements = io.haetae.engine.vex.VexReader.read(run.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "out");
    assertThat(statements).isNotEmpty().allSatisfy(s -> assertThat(s.products()).containsExactly("pkg:pypi/django@3.2.0"));
    assertThat(statements).filteredOn(s -> s.vulnerability().equals("PYSEC-2021-98")).singleElement()
        .satisfies(s -> assertThat(s.suppresses()).isTrue());
    assertThat(statements).filteredOn(s -> s.vulnerability().equals("PYSEC-2021-8")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(io.haetae.engine.vex.VexStatement.Status.AFFECTED));
  }

  @Test
  void sbomGenerateWritesSpdxOnRequest(@TempDir Path dir) throws Exception {
    var bom = dir.resolve("bom.spdx.json");

    var run = haetae("sbom", "generate", project("clinic-portal"), "--format", "spdx", "-o", bom.toString());

    assertThat(run.code()).as(run.err()).isZero();
    var sbom = SbomReaders.standard().read(Files.readAllBytes(bom), "bom.spdx.json");
    assertThat(sbom.format()).isEqualTo("SPDX");
    assertThat(sbom.subject().name()).isEqualTo("clinic-portal");
    assertThat(sbom.components()).extracting(c -> c.purl()).containsExactly("pkg:pypi/django@3.2.0",
        "pkg:pypi/asgiref@3.4.1", "pkg:pypi/pytz@2021.1", "pkg:pypi/sqlparse@0.4.4");
  }

  @Test
  void sbomGenerateWritesCycloneDxXmlOnRequest(@TempDir Path dir) throws Exception {
    var bom = dir.resolve("bom.xml");

    var run = haetae("sbom", "generate", project("clinic-portal"), "--format", "cyclonedx-xml", "-o", bom.toString());

    assertThat(run.code()).as(run.err()).isZero();
    var sbom = SbomReaders.standard().read(Files.readAllBytes(bom), "bom.xml");
    assertThat(sbom.format()).isEqualTo("CycloneDX");
    assertThat(sbom.specVersion()).isEqualTo("1.6");
    assertThat(sbom.subject().name()).isEqualTo("clinic-portal");
    assertThat(sbom.components()).extracting(c -> c.purl()).containsExactly("pkg:pypi/django@3.2.0",
        "pkg:pypi/asgiref@3.4.1", "pkg:pypi/pytz@2021.1", "pkg:pypi/sqlparse@0.4.4");
    assertThat(sbom.dependencies().get("project:clinic-portal")).containsExactly("pkg:pypi/django@3.2.0");
  }
}
