package io.haetae.engine.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.engine.SharedData;
import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class VexTest {

  private static byte[] fixture(String name) throws IOException {
    try (var in = VexTest.class.getResourceAsStream("/fixtures/vex/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void openVexNotAffectedWithJustificationSuppressesAndSaysWhy() throws Exception {
    var vex = Vex.of(VexReader.read(fixture("clinic-portal.openvex.json"), "clinic.openvex.json"));

    // The finding is keyed by its GHSA id; the statement names the CVE alias.
    var suppression = vex.suppression("GHSA-68w8-qjq3-2gfm", List.of("CVE-2021-33203"), "pkg:pypi/django@3.2.0");
    assertThat(suppression).hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(
        "not affected (vulnerable_code_not_in_execute_path: admindocs is not installed in the clinic portal)"));
    // Another version of the package is not covered by a versioned product.
    assertThat(vex.suppression("GHSA-68w8-qjq3-2gfm", List.of("CVE-2021-33203"), "pkg:pypi/django@3.1.0")).isEmpty();
    // not_affected without a justification, and "affected", suppress nothing.
    assertThat(vex.suppression("X", List.of("CVE-2021-31542"), "pkg:pypi/django@3.2.0")).isEmpty();
    assertThat(vex.suppression("X", List.of("CVE-2021-32052"), "pkg:pypi/django@3.2.0")).isEmpty();
  }

  @Test
  void readsDependencyTracksCycloneDxVexWithWholeProductStatements() throws Exception {
    var file = SharedData.require("corpora/sbom/cyclonedx/dependency-track/unit/vex-issue2549.json");

    var statements = VexReader.read(Files.readAllBytes(file), "vex-issue2549.json");

    assertThat(statements).first().satisfies(s -> {
      assertThat(s.vulnerability()).isEqualTo("CVE-2020-25649");
      assertThat(s.status()).isEqualTo(VexStatement.Status.NOT_AFFECTED);
      assertThat(s.products()).isEmpty();
      // No justification or detail: stated, but not enough to hide a finding.
      assertThat(s.suppresses()).isFalse();
    });
  }

  @Test
  void writtenCycloneDxVexReadsBackAsTheSameStatements() throws SbomException {
    var statements = List.of(
        new VexStatement("GHSA-599f-7c2r-9f86", List.of("pkg:maven/org.apache.commons/commons-text@1.9"),
            VexStatement.Status.NOT_AFFECTED, "code_not_reachable", "StringSubstitutor is never used"),
        new VexStatement("GHSA-5ww9-j83m-q7qx", List.of("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8"),
            VexStatement.Status.AFFECTED, null, null));

    var back = VexReader.read(VexWriter.cycloneDx("billing-portal", statements), "written.json");

    assertThat(back).isEqualTo(statements);
  }

  @Test
  void refusesAnUnknownStatusNamingTheStatement() {
    var bad = """
        {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
          {"vulnerability": {"name": "CVE-1"}, "products": [], "status": "not_affected"},
          {"vulnerability": {"name": "CVE-2"}, "products": [], "status": "maybe"}]}""";

    assertThatThrownBy(() -> VexReader.read(bad.getBytes(StandardCharsets.UTF_8), "bad.openvex.json"))
        .isInstanceOf(SbomException.class).hasMessage("bad.openvex.json, /statements/1/status: unknown status 'maybe'");
  }
}
