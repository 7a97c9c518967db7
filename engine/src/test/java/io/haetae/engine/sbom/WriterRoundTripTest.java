package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the readers read, the writers write back: CycloneDX 1.6 JSON and XML, SPDX 2.3 JSON. */
class WriterRoundTripTest {

  private static Sbom dependencyTrackBom() throws SbomException {
    return new CycloneDxJsonReader().read(SbomFixtures.bytes("dependency-track/valid-bom-1.6.json"), "valid-bom-1.6.json");
  }

  @Test
  void cycloneDxJsonRoundTripsComponentsAndGraph() throws SbomException {
    var sbom = new CycloneDxJsonReader().read(SbomFixtures.bytes("spec/valid-dependency-1.6.json"), "dependency.json");

    var back = new CycloneDxJsonReader().read(new CycloneDxJsonWriter().write(sbom, "haetae"), "written.json");

    assertThat(back.components()).isEqualTo(sbom.components());
    assertThat(back.dependencies()).isEqualTo(sbom.dependencies());
  }

  @Test
  void cycloneDxXmlRoundTripsComponentsGraphAndSubjectThroughTheValidatingReader() throws SbomException {
    var sbom = new CycloneDxJsonReader().read(SbomFixtures.bytes("spec/valid-dependency-1.6.json"), "dependency.json");

    var back = new CycloneDxXmlReader().read(new CycloneDxXmlWriter().write(sbom, "haetae"), "written.xml");

    assertThat(back.specVersion()).isEqualTo("1.6");
    assertThat(back.components()).isEqualTo(sbom.components());
    assertThat(back.dependencies()).isEqualTo(sbom.dependencies());
    assertThat(back.subject()).isEqualTo(sbom.subject());
  }

  @Test
  void cycloneDxXmlKeepsLicencesCpesAndGroups() throws SbomException {
    var sbom = dependencyTrackBom();

    var back = new CycloneDxXmlReader().read(new CycloneDxXmlWriter().write(sbom, "haetae"), "written.xml");

    assertThat(sbom.components()).anySatisfy(c -> assertThat(c.licenses()).isNotEmpty());
    assertThat(back.components()).isEqualTo(sbom.components());
    assertThat(back.subject()).isEqualTo(sbom.subject());
  }

  @Test
  void spdxJsonPassesTheSchemaAndKeepsPackagesPurlsLicencesAndEdges() throws SbomException {
    var read = dependencyTrackBom();
    // Its second component has no bom-ref; give each one, so an edge can name both.
    var components = read.components().stream().map(c -> new Component("ref-" + c.name(), c.type(), c.group(), c.name(),
        c.version(), c.purl(), c.cpe(), c.licenses())).toList();
    var sbom = new Sbom(read.format(), read.specVersion(), read.serialNumber(), read.subject(), components,
        Map.of("ref-tomcat-catalina", List.of("ref-mylibrary")));
    var withEdge = sbom;

    var back = new SpdxJsonReader().read(new SpdxJsonWriter().write(withEdge, "haetae"), "written.spdx.json");

    assertThat(back.specVersion()).isEqualTo("2.3");
    assertThat(back.subject().name()).isEqualTo("Acme Application");
    assertThat(back.components()).extracting(Component::name, Component::version, Component::purl, Component::licenses)
        .containsExactlyElementsOf(sbom.components().stream()
            .map(c -> tuple(c.name(), c.version(), c.purl(), c.licenses())).toList());
    var names = new HashMap<String, String>();
    back.components().forEach(c -> names.put(c.bomRef(), c.name()));
    assertThat(back.dependencies()).hasSize(1).allSatisfy((from, to) -> {
      assertThat(names.get(from)).isEqualTo("tomcat-catalina");
      assertThat(to).extracting(names::get).containsExactly("mylibrary");
    });
  }
}
