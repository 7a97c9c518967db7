package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SPDX 2.x JSON and tag-value document in ../shared/corpora/sbom/spdx (the spec's
 * examples, spdx-examples, tools-java's test resources, syft output) is read, except the
 * deliberately broken ones, which are refused naming the field.
 */
class SpdxConformanceTest {

  /**
   * tools-java's negative cases that are broken against the schema. Its other "negative"
   * files (-warning, -with-exception) only draw warnings there; they are valid SPDX and are read.
   */
  private static final Map<String, String> INVALID = Map.of(
      "BadJSON.spdx.json", "BadJSON.spdx.json: invalid SPDX: /creationInfo/creators: string found, array expected",
      "SPDXWrongVersion.spdx.json", "SPDXWrongVersion.spdx.json, /spdxVersion: unsupported SPDX version 'SPDX-2.2.1'",
      // Declares SPDX-2.2 but uses 2.3 fields (primaryPackagePurpose, releaseDate, ...).
      "SPDXJSONExample-wrongversion.spdx.json", "SPDXJSONExample-wrongversion.spdx.json: invalid SPDX: "
          + "/packages/0/checksums/3/algorithm: does not have a value in the enumeration");

  @TestFactory
  Stream<DynamicTest> readsEveryValidSpdxDocumentAndRefusesTheBrokenOnes() throws IOException {
    var root = SharedData.require("corpora/sbom/spdx");
    return documents(root).stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
      var name = file.getFileName().toString();
      var content = Files.readAllBytes(file);
      if (INVALID.containsKey(name)) {
        var error = catchThrowableOfType(SbomException.class, () -> SbomReaders.standard().read(content, name));
        assertThat(error).as("%s must be refused", name).isNotNull();
        assertThat(error.getMessage()).startsWith(INVALID.get(name));
      } else {
        var sbom = SbomReaders.standard().read(content, name);
        assertThat(sbom.format()).isEqualTo("SPDX");
      }
    }));
  }

  @Test
  void readsPurlsCpesLicencesAndTheDescribedPackageFromTheSpecExample() throws Exception {
    var json = read("spdx-spec/v2.3/examples/SPDXJSONExample-v2.3.spdx.json");
    var tagValue = read("spdx-spec/v2.3/examples/SPDXTagExample-v2.3.spdx");

    for (var sbom : List.of(json, tagValue)) {
      assertThat(sbom.specVersion()).isEqualTo("2.3");
      // The document DESCRIBES one package (glibc) and one file: glibc is the product.
      var glibc = sbom.subject();
      assertThat(glibc.name()).isEqualTo("glibc");
      assertThat(glibc.version()).isEqualTo("2.11.1");
      assertThat(glibc.cpe()).isEqualTo("cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*");
      assertThat(sbom.components()).extracting(Component::purl).contains("pkg:maven/org.apache.jena/apache-jena@3.12.0");
      assertThat(sbom.components()).extracting(Component::name).containsExactly("Apache Commons Lang", "Jena", "Saxon");
    }
  }

  @Test
  void readsSyftGoModulesWithPurlsAndRelationships() throws Exception {
    var sbom = read("real-world/CiscoDevNet-terraform-provider-mso/sbom.spdx.json");

    // 81 packages: the scanned directory ("./", which the document DESCRIBES) and 80 modules.
    assertThat(sbom.subject().name()).isEqualTo("./");
    assertThat(sbom.components()).hasSize(80).allSatisfy(c -> assertThat(c.purl()).startsWith("pkg:golang/"));
    assertThat(sbom.components().getFirst().purl()).isEqualTo("pkg:golang/cloud.google.com/go@v0.65.0");
  }

  @Test
  void readsTagValueDependencyRelationships() throws Exception {
    var sbom = read("spdx-examples/software/example6/spdx2.2/example6-bin.spdx");

    assertThat(sbom.components()).isNotEmpty();
    assertThat(sbom.format()).isEqualTo("SPDX");
  }

  private static Sbom read(String relative) throws IOException, SbomException {
    var file = SharedData.require("corpora/sbom/spdx/" + relative);
    return SbomReaders.standard().read(Files.readAllBytes(file), file.getFileName().toString());
  }

  private static List<Path> documents(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(f -> {
        var n = f.getFileName().toString();
        return (n.endsWith(".json") && !n.contains("schema")) || n.endsWith(".spdx");
      }).sorted().toList();
    }
  }
}
