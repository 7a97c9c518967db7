package io.haetae.engine.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.csaf.CsafValidator;
import io.haetae.engine.disclosure.PublishedVulnerability.Publisher;
import io.haetae.engine.feed.CsafReader;
import io.haetae.engine.feed.Cve5Reader;
import io.haetae.engine.feed.FeedEntry;
import io.haetae.engine.feed.FeedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The three documents a published vulnerability becomes, whole, against golden files
 * (src/test/resources/golden/disclosure; regenerate with {@code -Dgolden.update=true} and review
 * the diff); the CSAF document valid, and the engine's own CSAF and CVE 5 readers reading back
 * the package and the fix, as another hub importing them would.
 */
class PublishedDocumentsGoldenTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path GOLDEN = Path.of("src/test/resources/golden/disclosure");
  private static final Publisher PUBLISHER = new Publisher("KrCERT/CC", "https://www.krcert.or.kr", "cert@krcert.or.kr");

  private final PublishedVulnerability vulnerability = new PublishedVulnerability("KR-HAETAE-2026-0007",
      Instant.parse("2026-12-05T01:02:03.456Z"), "CVE-2026-49152",
      "https://hub.example/.well-known/csaf/white/2026/kr-haetae-2026-0007.json",
      "Heap overflow in @acme/parser's header parser",
      "A crafted header longer than 64 KiB overflows parse_header's buffer (CWE-787).", "npm", "@acme/parser",
      "pkg:npm/%40acme/parser", "ACME Corp",
      (ArrayNode) JSON.readTree("[{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"1.0.0\"}, {\"fixed\": \"1.2.0\"}]}]"),
      "1.2.0", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CWE-787",
      List.of("https://github.com/acme/parser/security/advisories/GHSA-xxxx-yyyy-zzzz"), "TLP:CLEAR",
      "00000000-0000-0000-0000-000000000007");

  @Test
  void theCsafDocumentIsValidAndAsGolden(@TempDir Path dir) throws IOException {
    String csaf = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(CsafWriter.write(vulnerability, PUBLISHER, "0.1.0"));
    assertThat(CsafValidator.validate(csaf)).isEmpty();
    golden("kr-haetae-2026-0007.csaf.json", csaf + "\n");
    var read = readBack(new CsafReader(), dir, "csaf.json", csaf);
    assertThat(read.id()).isEqualTo("CVE-2026-49152");
    assertThat(read.json()).contains("pkg:npm/%40acme/parser", "1.2.0");
  }

  @Test
  void theCveRecordIsAsGoldenAndReadsBack(@TempDir Path dir) throws IOException {
    String cve = JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(Cve5Writer.write(vulnerability, PUBLISHER, "4d4b7d1c-2b6e-4a43-9f7c-0d3d5b7b2a11"));
    golden("kr-haetae-2026-0007.cve.json", cve + "\n");
    var read = readBack(new Cve5Reader(), dir, "cve.json", cve);
    assertThat(read.id()).isEqualTo("CVE-2026-49152");
    assertThat(read.json()).contains("@acme/parser", "1.2.0");
  }

  @Test
  void theOsvRecordIsAsGolden() throws IOException {
    golden("kr-haetae-2026-0007.osv.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(OsvWriter.write(vulnerability)) + "\n");
  }

  @Test
  void fileNamesFollowSection51AndLabelsCsaf20() {
    assertThat(CsafWriter.fileName("KR-HAETAE-2026-0007")).isEqualTo("kr-haetae-2026-0007.json");
    assertThat(CsafWriter.fileName("Example Company__AB 2026/01")).isEqualTo("example_company_ab_2026_01.json");
    assertThat(CsafWriter.csafLabel("TLP:CLEAR")).isEqualTo("WHITE");
    assertThat(CsafWriter.csafLabel("TLP:AMBER+STRICT")).isEqualTo("AMBER");
    assertThatThrownBy(() -> CsafWriter.csafLabel("TLP:PURPLE")).hasMessageContaining("TLP:PURPLE");
  }

  private static Advisory readBack(FeedReader<Advisory> reader, Path dir, String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    try (var entries = reader.read(file)) {
      var all = entries.toList();
      assertThat(all).hasSize(1);
      assertThat(all.getFirst()).isInstanceOf(FeedEntry.Read.class);
      return ((FeedEntry.Read<Advisory>) all.getFirst()).record();
    }
  }

  private static void golden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
