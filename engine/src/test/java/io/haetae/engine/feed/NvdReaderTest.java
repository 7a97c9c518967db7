package io.haetae.engine.feed;

import static io.haetae.engine.feed.FeedResult.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.advisory.SeverityScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvdReaderTest {

  private final NvdReader reader = new NvdReader();

  @Test
  void readsEveryCveOfAnApiResponse() {
    var result = FeedResult.of(reader, fixture("nvd/conversion-nvd-test.json"));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records()).extracting(a -> a.id()).hasSize(13).contains("CVE-2023-22466", "CVE-2024-31497");
    var tokio = result.records().stream().filter(a -> a.id().equals("CVE-2023-22466")).findFirst().orElseThrow();
    assertThat(tokio.details()).contains("Tokio");
    assertThat(tokio.severity()).extracting(SeverityScore::type).contains("CVSS_V3");
  }

  @Test
  void cpeMatchesBecomeRangesWithTheCpeKept() {
    var result = FeedResult.of(reader, SharedData.require("corpora/nvd/osv-dev/nvdcve-2.0/CVE-2023-4863.json"));
    var webp = result.records().getFirst();
    assertThat(webp.severity()).containsExactly(new SeverityScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"));
    assertThat(webp.affected()).anySatisfy(a -> {
      assertThat(a.databaseSpecific()).contains("\"cpe\":\"cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*\"");
      assertThat(a.ranges().getFirst().events()).containsExactly(new RangeEvent.Introduced("0"), new RangeEvent.Fixed("116.0.5845.187"));
    });
    // A CPE naming one version (fedora 37) is that exact version.
    assertThat(webp.affected()).anySatisfy(a -> assertThat(a.versions()).containsExactly("37"));
  }

  @Test
  void aBadItemIsRejectedWithItsIdAndPointerTheRestOfThePageIsRead(@TempDir Path dir) throws IOException {
    var text = Files.readString(fixture("nvd/conversion-nvd-test.json"));
    var file = dir.resolve("page.json");
    // The second item's lastModified made unreadable.
    int second = text.indexOf("\"CVE-2023-22466\"");
    int at = text.indexOf("\"lastModified\"", second);
    int end = text.indexOf(',', at);
    Files.writeString(file, text.substring(0, at) + "\"lastModified\": 42" + text.substring(end));
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).hasSize(12).extracting(a -> a.id()).doesNotContain("CVE-2023-22466");
    assertThat(result.rejected()).singleElement().hasToString(
        file + " (CVE-2023-22466): /vulnerabilities/1/cve/lastModified: expected a string, found NUMBER");
  }

  @Test
  void readsEveryResponseOfTheSharedCorpus() {
    var corpus = SharedData.require("corpora/nvd");
    // Only CVE API responses: the CPE, CPE-match, history and source API responses and the schemas are other formats.
    var result = FeedResult.of(reader, corpus.resolve("osv-dev"));
    assertThat(result.rejected()).isEmpty();
    var pages = FeedResult.of(reader, corpus.resolve("pablotron-nvd-go/responses/cves-2023.json.gz"));
    assertThat(pages.rejected()).isEmpty();
    assertThat(pages.records()).hasSize(200);
    var dt = FeedResult.of(reader, corpus.resolve("dependency-track"));
    assertThat(dt.rejected()).isEmpty();
    assertThat(dt.records()).anySatisfy(a -> assertThat(a.severity()).extracting(SeverityScore::type).contains("CVSS_V4"));
    var rejected = FeedResult.of(reader, corpus.resolve("vulnerablecode/rejected_nvd.json"));
    assertThat(rejected.records()).isNotEmpty().allSatisfy(a -> assertThat(a.isWithdrawn()).isTrue());
  }
}
