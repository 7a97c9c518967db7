package io.haetae.engine.feed;

import static io.haetae.engine.feed.FeedResult.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.advisory.SeverityScore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cve5ReaderTest {

  private final Cve5Reader reader = new Cve5Reader();

  @Test
  void readsTitleDescriptionCvssAndGithubStyleRanges() {
    var result = FeedResult.of(reader, fixture("cve5/CVE-2023-22466.json"));
    assertThat(result.rejected()).isEmpty();
    var tokio = result.records().getFirst();
    assertThat(tokio.id()).isEqualTo("CVE-2023-22466");
    assertThat(tokio.modified()).isEqualTo(Instant.parse("2025-03-10T21:32:32.950Z"));
    assertThat(tokio.summary()).startsWith("Tokio's reject_remote_clients configuration");
    assertThat(tokio.severity()).containsExactly(new SeverityScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:L"));
    // "vendor: tokio-rs, product: tokio" names no registry: shown, not matchable.
    var affected = tokio.affected().getFirst();
    assertThat(affected.name()).isNull();
    assertThat(affected.databaseSpecific()).contains("\"product\":\"tokio\"");
    assertThat(affected.ranges()).singleElement().extracting(AffectedRange::events).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(
        new RangeEvent.Introduced("1.7.0"), new RangeEvent.Fixed("1.18.4"),
        new RangeEvent.Introduced("1.19.0"), new RangeEvent.Fixed("1.20.3"),
        new RangeEvent.Introduced("1.21.0"), new RangeEvent.Fixed("1.23.1"));
    // CISA's ADP container adds SSVC decision points; due dates read them (docs/deadlines.md).
    assertThat(tokio.json()).contains(
        "\"ssvc\":{\"exploitation\":\"none\",\"automatable\":\"no\",\"technical_impact\":\"partial\"}");
  }

  @Test
  void goCnaRecordsBecomeMatchableGoPackages() {
    var result = FeedResult.of(reader, fixture("cve5/go-cna-sample.jsonl"));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records()).hasSize(3);
    var gin = result.records().getFirst();
    assertThat(gin.id()).isEqualTo("CVE-2020-36567");
    // The Go CNA's records carry no dates: the oldest possible, so a dated copy wins.
    assertThat(gin.modified()).isEqualTo(Instant.EPOCH);
    var pkg = gin.affected().getFirst();
    assertThat(pkg.ecosystem()).isEqualTo("Go");
    assertThat(pkg.name()).isEqualTo("github.com/gin-gonic/gin");
    assertThat(pkg.ranges().getFirst().type()).isEqualTo(AffectedRange.RangeType.SEMVER);
    assertThat(pkg.ranges().getFirst().events()).containsExactly(new RangeEvent.Introduced("0"), new RangeEvent.Fixed("1.6.0"));
  }

  @Test
  void aBadRecordIsRejectedWithFileLineIdAndPointerAndTheOthersAreRead(@TempDir java.nio.file.Path dir) throws IOException {
    var lines = Files.readAllLines(fixture("cve5/go-cna-sample.jsonl"));
    var file = dir.resolve("mixed.jsonl");
    Files.write(file, java.util.List.of(lines.get(0),
        lines.get(1).replace("\"cveMetadata\":{\"cveId\":\"CVE-2020-36568\"}", "\"cveMetadata\":{\"cveId\":\"CVE-2020-36568\",\"dateUpdated\":\"yesterday\"}"),
        lines.get(2)));
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).extracting(a -> a.id()).containsExactly("CVE-2020-36567", "CVE-2020-36569");
    assertThat(result.rejected()).singleElement().hasToString(
        file + ", line 2 (CVE-2020-36568): /cveMetadata/dateUpdated: not a timestamp: 'yesterday'");
  }

  @Test
  void readsEveryRecordOfTheSharedCorpus() {
    var corpus = SharedData.require("corpora/cve5");
    var result = FeedResult.of(reader, corpus);
    assertThat(result.rejected()).isEmpty();
    // 267 vulnrichment files, 2,942 + 239 JSONL lines and osv.dev's test records.
    assertThat(result.records()).hasSizeGreaterThan(3_400);
    assertThat(result.records()).filteredOn(a -> a.id().equals("CVE-2019-1226")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.severity()).extracting(SeverityScore::score)
            .contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C"));
  }
}
