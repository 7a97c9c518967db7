package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbomReadersTest {

  private final SbomReaders readers = SbomReaders.standard();

  @Test
  void dispatchesJsonAndXmlToTheirReaders() throws SbomException {
    var fromJson = readers.read(SbomFixtures.bytes("spec/valid-assembly-1.6.json"), "a.json");
    var fromXml = readers.read(SbomFixtures.bytes("spec/valid-assembly-1.2.xml"), "a.xml");

    assertThat(readers.readerFor(SbomFixtures.bytes("spec/valid-assembly-1.6.json")))
        .containsInstanceOf(CycloneDxJsonReader.class);
    assertThat(readers.readerFor(SbomFixtures.bytes("spec/valid-assembly-1.2.xml")))
        .containsInstanceOf(CycloneDxXmlReader.class);
    assertThat(fromJson.specVersion()).isEqualTo("1.6");
    assertThat(fromXml.specVersion()).isEqualTo("1.2");
  }

  /** The same BOM re-encoded the ways real uploads arrive; UTF-16 is PowerShell's default. */
  @ParameterizedTest(name = "{0} {1}, BOM {2}")
  @CsvSource({
      "json, UTF-8, true", "json, UTF-16LE, true", "json, UTF-16BE, true", "json, UTF-16LE, false",
      "xml, UTF-8, true", "xml, UTF-16LE, true"})
  void readsUtf8WithBomAndUtf16(String kind, String charset, boolean withBom) throws SbomException {
    var name = kind.equals("json") ? "dependency-track/valid-bom-1.6.json" : "dependency-track/valid-bom-1.6.xml";
    var text = new String(SbomFixtures.bytes(name), StandardCharsets.UTF_8);
    if (kind.equals("xml")) text = text.replaceFirst("encoding=\"UTF-8\"", "encoding=\"" + charset + "\"");

    var sbom = readers.read(encode(text, Charset.forName(charset), withBom), "bom." + kind);

    assertThat(sbom.subject().name()).isEqualTo("Acme Application");
    assertThat(sbom.components()).isNotEmpty();
  }

  @Test
  void readsSpdxJsonButNamesTheMissingRequiredField() {
    var spdx = "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": []}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> readers.read(spdx, "sbom.spdx.json")).isInstanceOf(SbomException.class)
        .hasMessageStartingWith("sbom.spdx.json: invalid SPDX: : required property 'SPDXID' not found");
  }

  @Test
  void namesSpdx3AsUnsupported() {
    var spdx3 = "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}"
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> readers.read(spdx3, "sbom.spdx3.json")).isInstanceOf(SbomException.class)
        .hasMessage("sbom.spdx3.json: SPDX 3.0 JSON-LD is not supported yet; upload SPDX 2.3 or CycloneDX");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"name": "not a bom"}      | x: JSON, but neither a CycloneDX BOM (no "bomFormat": "CycloneDX") nor SPDX (no "spdxVersion")
      <html><body/></html>       | x: XML, but not a CycloneDX BOM (no http://cyclonedx.org/schema/bom/ namespace)
      name,version               | x: neither JSON, XML nor SPDX tag-value
      '   '                      | x: empty file""")
  void explainsWhatAnUnreadableUploadIs(String content, String message) {
    assertThatThrownBy(() -> readers.read(content.getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(SbomException.class).hasMessage(message);
  }

  @Test
  void refusesBytesThatAreNotText() {
    var content = new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'};

    assertThatThrownBy(() -> readers.read(content, "x.json")).isInstanceOf(SbomException.class)
        .hasMessage("x.json: not valid UTF-8 text");
  }

  private static byte[] encode(String text, Charset charset, boolean withBom) {
    var out = new ByteArrayOutputStream();
    if (withBom) out.writeBytes("\uFEFF".getBytes(charset));
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }
}
