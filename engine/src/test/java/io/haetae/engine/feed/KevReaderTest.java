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

class KevReaderTest {

  private final KevReader reader = new KevReader();

  @Test
  void readsDatesRequiredActionAndRansomwareUse() {
    var result = FeedResult.of(reader, fixture("kev/kev-excerpt.json"));
    assertThat(result.rejected()).isEmpty();
    assertThat(result.records()).filteredOn(k -> k.cveId().equals("CVE-2017-5638")).singleElement().satisfies(k -> {
      assertThat(k.dateAdded()).isEqualTo(LocalDate.parse("2021-11-03"));
      assertThat(k.dueDate()).isEqualTo(LocalDate.parse("2022-05-03"));
      assertThat(k.knownRansomwareCampaignUse()).isEqualTo("Known");
      assertThat(k.vendorProject()).isEqualTo("Apache");
      assertThat(k.catalogVersion()).isEqualTo("2025.08.25");
    });
  }

  @Test
  void aBadEntryIsRejectedWithItsPointer(@TempDir Path dir) throws IOException {
    var file = dir.resolve("kev.json");
    Files.writeString(file, Files.readString(fixture("kev/kev-excerpt.json")).replace("\"dueDate\": \"2023-10-04\"", "\"dueDate\": \"soon\""));
    var result = FeedResult.of(reader, file);
    assertThat(result.records()).hasSize(2);
    assertThat(result.rejected()).singleElement().hasToString(file + " (CVE-2023-4863): /vulnerabilities/1/dueDate: not a date (YYYY-MM-DD): 'soon'");
  }

  @Test
  void readsTheWholeCatalogueAndItsOlderVersions() {
    var corpus = SharedData.require("corpora/kev");
    var current = FeedResult.of(reader, corpus.resolve("known_exploited_vulnerabilities.json"));
    assertThat(current.rejected()).isEmpty();
    assertThat(current.records()).hasSize(1404);
    var older = FeedResult.of(reader, corpus.resolve("history/known_exploited_vulnerabilities-2023-04-21.json"));
    assertThat(older.rejected()).isEmpty();
    assertThat(older.records()).hasSizeLessThan(1404).isNotEmpty();
  }
}
