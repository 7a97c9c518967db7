package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real SBOMs from ../shared/corpora/sbom/cyclonedx. Counts are those of the files themselves
 * (components, nested included, as counted with jq); JSON and XML twins must agree.
 */
class RealSbomTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "bom-examples/SBOM/dropwizard-1.3.15/bom.json, 1.2, 167, dropwizard-parent, pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar",
      "bom-examples/SBOM/dropwizard-1.3.15/bom.xml, 1.2, 167, dropwizard-parent, pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar",
      "bom-examples/SBOM/keycloak-10.0.2/bom.json, 1.2, 903, keycloak-parent, pkg:maven/org.bouncycastle/bcprov-jdk15on@1.62?type=jar",
      "bom-examples/SBOM/keycloak-10.0.2/bom.xml, 1.2, 903, keycloak-parent, pkg:maven/org.bouncycastle/bcprov-jdk15on@1.62?type=jar",
      "bom-examples/SBOM/laravel-7.12.0/bom.1.2.json, 1.2, 62, ,",
      "bom-examples/SBOM/laravel-7.12.0/bom.1.1.xml, 1.1, 62, ,",
      // UTF-16LE with a byte-order mark, as committed upstream.
      "real-world/LU2webservice-openmrs-module-webservices/sbom.cdx.json, 1.4, 203, org.openmrs.module:webservices.rest, pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.19.1",
      "osv-scanner-testdata/postgres-stretch.cdx.xml, , 137, ,",
      // A 2.9 MB CycloneDX 1.5 XML from cyclonedx-npm (Dependency-Track issue 2519): <properties>
      // after <components>, and 12 of its 2,184 components repeated; read once each.
      "dependency-track/unit/bom-issue2519.xml, 1.5, 2172, projx-client,",
      // osv-scanner's test of repeated components: 19 entries, 16 distinct bom-refs.
      "osv-scanner-testdata/with-duplicates.cdx.xml, 1.4, 16, ,"})
  void readsRealSboms(String path, String specVersion, int components, String subject, String firstPurl)
      throws IOException, SbomException {
    var file = SharedData.require("corpora/sbom/cyclonedx/" + path);

    var sbom = SbomReaders.standard().read(Files.readAllBytes(file), file.getFileName().toString());

    assertThat(sbom.components()).hasSize(components);
    if (specVersion != null) assertThat(sbom.specVersion()).isEqualTo(specVersion);
    if (subject != null) assertThat(sbom.subject().name()).isEqualTo(subject);
    if (firstPurl != null) assertThat(sbom.components().getFirst().purl()).isEqualTo(firstPurl);
    assertThat(sbom.components()).allSatisfy(c -> assertThat(c.name()).isNotBlank());
  }

  @Test
  void keepsComponentsNestedUnderTheSubjectButNotTheSubject() throws IOException, SbomException {
    // Dependency-Track's bom-metadata-components.json: 34 components under metadata.component
    // (a React Native app's modules), 151 at top level.
    var file = SharedData.require("corpora/sbom/cyclonedx/dependency-track/unit/bom-metadata-components.json");

    var sbom = SbomReaders.standard().read(Files.readAllBytes(file), "bom-metadata-components.json");

    assertThat(sbom.subject().name()).isEqualTo("Test");
    assertThat(sbom.components()).hasSize(34 + 151)
        .extracting(Component::name).contains("jail-monkey").doesNotContain("Test");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      dependency-track/unit/bom-invalid.json            | bom-invalid.json, line 2, column 28: malformed JSON
      osv-scanner-testdata/bad-purls.cdx.xml            | bad-purls.cdx.xml, /components/0: component has no name
      osv-scanner-testdata/alpine-zlib-16.cdx.json      | alpine-zlib-16.cdx.json: invalid CycloneDX: /metadata/component/type: does not have a value in the enumeration
      dependency-track/unit/cyclonedx/valid-bom-1.7.xml | valid-bom-1.7.xml, /bom/@xmlns: unsupported CycloneDX namespace""")
  void rejectsBrokenRealSbomsNamingFileAndPlace(String path, String messageStart) throws IOException {
    var file = SharedData.require("corpora/sbom/cyclonedx/" + path);
    var content = Files.readAllBytes(file);

    var error = org.assertj.core.api.Assertions.catchThrowableOfType(SbomException.class,
        () -> SbomReaders.standard().read(content, file.getFileName().toString()));

    assertThat(error).isNotNull();
    assertThat(error.getMessage()).startsWith(messageStart);
  }
}
