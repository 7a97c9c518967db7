package io.haetae.engine.feed;

import static io.haetae.engine.feed.FeedResult.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpssReaderTest {

  private final EpssReader reader = new EpssReader();

  @Test
  void readsScoresWithTheDateAndModelOfTheCommentLine() {
    var result = FeedResult.of(reader, fixture("epss/epss_scores-2025-x-x.csv"));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records()).hasSize(27);
    assertThat(result.records().getFirst())
        .isEqualTo(new EpssScore("CVE-1999-0001", 0.01151, 0.7802, LocalDate.parse("2025-12-26"), "v2025.03.14"));
  }

  @Test
  void readsTheGzippedFeedAlike() {
    assertThat(FeedResult.of(reader, fixture("epss/epss_scores-2025-x-x.csv.gz")).records())
        .isEqualTo(FeedResult.of(reader, fixture("epss/epss_scores-2025-x-x.csv")).records());
  }

  @Test
  void aBadRowIsRejectedWithLineAndColumnTheOthersAreRead(@TempDir Path dir) throws IOException {
    var file = dir.resolve("epss.csv");
    Files.writeString(file, Files.readString(fixture("epss/epss_scores-2025-x-x.csv")).replace("CVE-1999-0002,0.10546", "CVE-1999-0002,high"));
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).hasSize(26);
    assertThat(result.rejected()).singleElement().hasToString(file + ", line 4 (CVE-1999-0002): /epss: not a number: 'high'");
  }

  @Test
  void anImpossibleScoreDateInTheCommentRejectsTheRowsInsteadOfAbortingTheImport(@TempDir Path dir) throws IOException {
    var file = dir.resolve("epss.csv");
    Files.writeString(file, "#model_version:v2025.03.14,score_date:2025-13-45T12:55:00Z\ncve,epss,percentile\nCVE-1999-0001,0.01151,0.7802\n");
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).isEmpty();
    assertThat(result.rejected()).extracting(Object::toString).containsExactly(
        file + ", line 1: /: not a date: '2025-13-45' in the score_date comment",
        file + ", line 3 (CVE-1999-0001): /: no score date: no '#...score_date:' line and none in the file name");
  }

  @Test
  void anImpossibleDateInTheFileNameIsReportedAndTheCommentsDateStillServes(@TempDir Path dir) throws IOException {
    var file = dir.resolve("epss_scores-2025-02-30.csv");
    Files.writeString(file, "#model_version:v2025.03.14,score_date:2025-12-26T12:55:00Z\ncve,epss,percentile\nCVE-1999-0001,0.01151,0.7802\n");
    var result = FeedResult.of(reader, file);
    assertThat(result.rejected()).singleElement().hasToString(file + ": /: not a date: '2025-02-30' in the file name");
    assertThat(result.records()).singleElement().extracting(EpssScore::date).isEqualTo(LocalDate.parse("2025-12-26"));
  }

  @Test
  void readsTheSharedExcerpt() {
    var result = FeedResult.of(reader, SharedData.require("corpora/epss"));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records()).extracting(EpssScore::cveId).contains("CVE-2025-9999");
  }
}
