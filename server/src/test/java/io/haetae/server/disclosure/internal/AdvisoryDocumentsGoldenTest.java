package io.haetae.server.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.csaf.CsafValidator;
import io.haetae.engine.feed.Cve5Reader;
import io.haetae.engine.feed.CsafReader;
import io.haetae.engine.feed.FeedEntry;
import io.haetae.engine.feed.FeedReader;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.ReportState;
import io.haetae.server.disclosure.ReportSubmission;
import io.haetae.server.identity.Marking;
import io.haetae.server.support.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;

/**
 * The three documents a published report becomes, whole, against golden files
 * (src/test/resources/golden/disclosure; regenerate with {@code -Dgolden.update=true} and review
 * the diff); the CSAF document valid, and the hub's own CSAF and CVE 5 readers reading back the
 * package and the fixed version, as another hub importing them would.
 */
class AdvisoryDocumentsGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/disclosure");
  private static final AdvisoryDocuments.Publisher PUBLISHER =
      new AdvisoryDocuments.Publisher("KrCERT/CC", "https://www.krcert.or.kr", "cert@krcert.or.kr");

  private final Report report = report();
  private final AdvisoryDocuments.Release release = new AdvisoryDocuments.Release("KR-HAETAE-2026-0007",
      Instant.parse("2026-12-05T01:02:03.456Z"), "CVE-2026-49152",
      "https://hub.example/.well-known/csaf/white/2026/kr-haetae-2026-0007.json", "1.2.0",
      (ArrayNode) report.submission().affectedVersions());

  @Test
  void theCsafDocumentIsValidAndAsGolden(@TempDir Path dir) throws IOException {
    String csaf = AdvisoryDocuments.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(AdvisoryDocuments.csaf(report, release, PUBLISHER, "0.1.0"));
    assertThat(CsafValidator.validate(csaf)).isEmpty();
    golden("kr-haetae-2026-0007.csaf.json", csaf + "\n");
    var read = readBack(new CsafReader(), dir, "csaf.json", csaf);
    assertThat(read.id()).isEqualTo("CVE-2026-49152");
    assertThat(read.json()).contains("pkg:npm/%40acme/parser", "1.2.0");
  }

  @Test
  void theCveRecordIsAsGoldenAndReadsBack(@TempDir Path dir) throws IOException {
    String cve = AdvisoryDocuments.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(AdvisoryDocuments.cve(report, release, PUBLISHER, "4d4b7d1c-2b6e-4a43-9f7c-0d3d5b7b2a11"));
    golden("kr-haetae-2026-0007.cve.json", cve + "\n");
    var read = readBack(new Cve5Reader(), dir, "cve.json", cve);
    assertThat(read.id()).isEqualTo("CVE-2026-49152");
    assertThat(read.json()).contains("@acme/parser", "1.2.0");
  }

  @Test
  void theOsvRecordIsAsGolden() throws IOException {
    golden("kr-haetae-2026-0007.osv.json",
        AdvisoryDocuments.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(AdvisoryDocuments.osv(report, release)) + "\n");
  }

  @Test
  void fileNamesFollowSection51() {
    assertThat(AdvisoryDocuments.fileName("KR-HAETAE-2026-0007")).isEqualTo("kr-haetae-2026-0007.json");
    assertThat(AdvisoryDocuments.fileName("Example Company__AB 2026/01")).isEqualTo("example_company_ab_2026_01.json");
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

  private static Report report() {
    var body = AdvisoryDocuments.JSON.readTree("""
        {"title": "Heap overflow in @acme/parser's header parser",
         "description": "A crafted header longer than 64 KiB overflows parse_header's buffer (CWE-787).",
         "package": {"purl": "pkg:npm/%40acme/parser", "vendor": "ACME Corp"},
         "affectedVersions": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.0"}]}],
         "fixedVersion": "1.2.0", "cvssVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
         "references": ["https://github.com/acme/parser/security/advisories/GHSA-xxxx-yyyy-zzzz"], "tlp": "clear"}""");
    return new Report(UUID.fromString("00000000-0000-0000-0000-000000000007"), ReportSubmission.parse(body), Marking.PUBLIC,
        "researcher@lab.test", Instant.parse("2026-11-01T00:00:00Z"), ReportState.ACCEPTED);
  }

  private static void golden(String name, String actual) throws IOException {
    Golden.assertMatches(GOLDEN, name, actual);
  }


}
