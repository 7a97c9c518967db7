package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CycloneDxReaderTest {

  private final CycloneDxJsonReader json = new CycloneDxJsonReader();
  private final CycloneDxXmlReader xml = new CycloneDxXmlReader();

  @Test
  void mapsComponentFieldsAndKeepsMetadataComponentAsSubjectOnly() throws SbomException {
    var sbom = json.read(SbomFixtures.bytes("dependency-track/valid-bom-1.6.json"), "valid-bom-1.6.json");

    assertThat(sbom.format()).isEqualTo("CycloneDX");
    assertThat(sbom.specVersion()).isEqualTo("1.6");
    assertThat(sbom.serialNumber()).isEqualTo("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    assertThat(sbom.subject().name()).isEqualTo("Acme Application");
    assertThat(sbom.subject().version()).isEqualTo("9.1.1");
    assertThat(sbom.components()).extracting(Component::name).doesNotContain("Acme Application");
    assertThat(sbom.components()).first().isEqualTo(new Component("pkg:npm/acme/component@1.0.0", "library",
        "com.acme", "tomcat-catalina", "9.0.14", "pkg:npm/acme/component@1.0.0", null, List.of("Apache-2.0")));
    assertThat(sbom.components()).extracting(Component::name).containsExactly("tomcat-catalina", "mylibrary");
  }

  @Test
  void readsTheSameBomFromXmlWithPurlsAndLicenceNames() throws SbomException {
    var sbom = xml.read(SbomFixtures.bytes("dependency-track/valid-bom-1.6.xml"), "valid-bom-1.6.xml");

    assertThat(sbom.subject().name()).isEqualTo("Acme Application");
    // <pedigree><ancestors> holds components too; they are history, not shipped parts.
    assertThat(sbom.components()).extracting(Component::type, Component::name, Component::purl).containsExactly(
        tuple("application", "tomcat-catalina", "pkg:maven/com.acme/tomcat-catalina@9.0.14?packaging=jar"),
        tuple("library", "mylibrary", "pkg:maven/com.example/myapplication@1.0.0?packaging=war"),
        tuple("framework", "myframework", "pkg:maven/com.example/myframework@1.0.0?packaging=war"));
    assertThat(sbom.components().get(2).licenses()).containsExactly("Some random license");
  }

  @Test
  void flattensNestedComponentsInJsonAndXml() throws SbomException {
    var fromJson = json.read(SbomFixtures.bytes("spec/valid-assembly-1.6.json"), "assembly.json");
    var fromXml = xml.read(SbomFixtures.bytes("spec/valid-assembly-1.2.xml"), "assembly.xml");

    for (var sbom : List.of(fromJson, fromXml)) {
      assertThat(sbom.components()).extracting(Component::name, Component::version)
          .containsExactly(tuple("acme-library-a", "1.0.0"), tuple("acme-library-b", "2.0.0"));
      assertThat(sbom.subject()).isNull();
    }
  }

  @Test
  void readsTheDependencyGraphByBomRef() throws SbomException {
    var fromJson = json.read(SbomFixtures.bytes("spec/valid-dependency-1.6.json"), "dependency.json");
    // XML 1.2 nests <dependency> elements instead of listing dependsOn.
    var fromXml = xml.read(SbomFixtures.bytes("spec/valid-dependency-1.2.xml"), "dependency.xml");

    var expected = Map.of("library-a", List.<String>of(), "library-b", List.of("library-c"));
    assertThat(fromJson.dependencies()).isEqualTo(expected);
    assertThat(fromXml.dependencies()).isEqualTo(expected);
  }

  @Test
  void refusesXmlWithAnExternalEntityWithoutReadingTheFile() {
    var content = SbomFixtures.bytes("hostile/xxe-file.xml");

    assertThatThrownBy(() -> xml.read(content, "xxe.xml")).isInstanceOf(SbomException.class)
        .hasMessage("xxe.xml, line 2, column 10: DOCTYPE declarations are not allowed "
            + "(external entities could read local files)");
  }

  @Test
  void refusesAnEntityExpansionBomb() {
    var content = SbomFixtures.bytes("hostile/billion-laughs.xml");

    assertThatThrownBy(() -> xml.read(content, "lol.xml")).isInstanceOf(SbomException.class)
        .hasMessageStartingWith("lol.xml, line 2, column 10: DOCTYPE declarations are not allowed");
  }

  /**
   * Why we refuse DOCTYPEs ourselves: the library alone also fails these files here, but
   * only thanks to the JDK's XML defaults and its own accessExternalDTD setting in one of its
   * three XML layers; this pins what it does today so a change shows up.
   */
  @ParameterizedTest
  @ValueSource(strings = {"hostile/xxe-file.xml", "hostile/billion-laughs.xml"})
  void libraryAloneNeverReturnsExpandedEntities(String fixture) {
    assertThatThrownBy(() -> new XmlParser().parse(SbomFixtures.bytes(fixture)))
        .isInstanceOf(org.cyclonedx.exception.ParseException.class);
  }

  @Test
  void reportsSchemaViolationsWithTheValidatorsMessage() {
    var content = """
        {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
         "components":[{"type":"gadget","name":"x"}]}""".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(content, "bom.json")).isInstanceOf(SbomException.class)
        .hasMessageStartingWith("bom.json: invalid CycloneDX: /components/0/type: does not have a value in the enumeration");
  }

  @Test
  void keepsARepeatedDependencyEntryOnceWhenItListsTheSameEdges() throws SbomException {
    var content = bomWithDependencies("""
        <dependency ref="a"><dependency ref="b"/><dependency ref="c"/></dependency>
        <dependency ref="a"><dependency ref="c"/><dependency ref="b"/></dependency>""");

    assertThat(xml.read(content, "bom.xml").dependencies()).containsEntry("a", List.of("b", "c"));
  }

  @Test
  void keepsTheEdgesOfTwoDifferentDependencyEntriesForOneRefWhenRepairing() throws SbomException {
    var content = bomWithDependencies("""
        <dependency ref="a"><dependency ref="b"/></dependency>
        <dependency ref="a"><dependency ref="c"/></dependency>""");

    assertThat(xml.read(content, "bom.xml").dependencies()).containsEntry("a", List.of("b", "c"));
  }

  /** Component c is listed twice, identical, as cyclonedx-npm does: the reader must repair the BOM. */
  private static byte[] bomWithDependencies(String dependencies) {
    return ("""
        <?xml version="1.0"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
          <components>
            <component type="library" bom-ref="a"><name>a</name></component>
            <component type="library" bom-ref="b"><name>b</name></component>
            <component type="library" bom-ref="c"><name>c</name></component>
            <component type="library" bom-ref="c"><name>c</name></component>
          </components>
          <dependencies>
        """ + dependencies + """

          </dependencies>
        </bom>""").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reportsXmlSchemaViolationsWithTheirLine() {
    var content = """
        <?xml version="1.0"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
          <components>
            <component type="gadget"><name>x</name></component>
          </components>
        </bom>""".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> xml.read(content, "bom.xml")).isInstanceOf(SbomException.class)
        .hasMessageStartingWith("bom.xml, line 4, column ")
        .hasMessageContaining("invalid CycloneDX: cvc-enumeration-valid: Value 'gadget'");
  }

  @Test
  void namesLineAndColumnOfMalformedJson() {
    var content = "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": }".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(content, "bom.json")).isInstanceOf(SbomException.class)
        .hasMessageStartingWith("bom.json, line 2, column 17: malformed JSON: Unexpected character ('}'");
  }

  @Test
  void refusesAVersionTheLibraryCannotValidate() {
    var content = """
        {"bomFormat":"CycloneDX","specVersion":"1.7","version":1}""".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(content, "bom.json")).isInstanceOf(SbomException.class)
        .hasMessage("bom.json, /specVersion: unsupported CycloneDX version \"1.7\" (supported: 1.2 to 1.6)");
  }

  @Test
  void refusesAValidComponentWithAnEmptyName() {
    // Schema-valid (name is required, not non-empty); osv-scanner's bad-purls fixture has one.
    var content = """
        {"bomFormat":"CycloneDX","specVersion":"1.4","version":1,
         "components":[{"type":"library","name":"ok"},{"type":"library","name":"","purl":"pkg:apk/alpine/zlib@1.2"}]}"""
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(content, "bom.json")).isInstanceOf(SbomException.class)
        .hasMessage("bom.json, /components/1: component has no name (pkg:apk/alpine/zlib@1.2)");
  }

  @Test
  void toleratesTheSchemaHintSpellingOfRealProducers() throws SbomException {
    // cyclonedx-php-composer writes bom-1.2b; the strict 1.2 schema only knows bom-1.2a.
    var content = """
        {"$schema":"http://cyclonedx.org/schema/bom-1.2b.schema.json","bomFormat":"CycloneDX",
         "specVersion":"1.2","version":1,"components":[{"type":"library","name":"a","version":"1"}]}"""
        .getBytes(StandardCharsets.UTF_8);

    assertThat(json.read(content, "bom.json").components()).extracting(Component::name).containsExactly("a");
  }
}
