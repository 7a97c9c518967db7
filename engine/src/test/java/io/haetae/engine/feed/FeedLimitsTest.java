package io.haetae.engine.feed;

import static io.haetae.engine.feed.FeedResult.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.OsvSource.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed readers read hostile files under {@link Limits}, as {@code OsvSource} does, and report bad data as rejections. */
class FeedLimitsTest {

  @TempDir
  Path dir;

  @Test
  void aGzipBombStopsAtTheTotalCapAsARejection() throws IOException {
    var file = dir.resolve("bomb.json.gz");
    Files.write(file, gzip(spaces(64 << 20))); // 64 MiB of blanks, ~64 KiB on disk

    var result = FeedResult.of(new KevReader(new Limits(128 << 20, 8 << 20)), file);

    assertThat(result.records()).isEmpty();
    assertThat(result.rejected()).singleElement()
        .hasToString(file + ": /: unreadable: total decompressed size exceeds " + (8 << 20) + " bytes");
  }

  @Test
  void aDocumentLargerThanTheRecordCapIsRejectedUnread() throws IOException {
    var file = dir.resolve("big.json.gz");
    Files.write(file, gzip(spaces(1 << 20)));

    var result = FeedResult.of(new KevReader(new Limits(4_096, 8 << 20)), file);

    assertThat(result.rejected()).singleElement().hasToString(file + ": /: document exceeds 4096 bytes");
  }

  @Test
  void aJsonLinesFileCorruptPartWayKeepsWhatCameBeforeAndNamesTheLine() throws IOException {
    var catalogue = FeedFiles.MAPPER.writeValueAsString(FeedFiles.MAPPER.readTree(fixture("kev/kev-excerpt.json").toFile()));
    var whole = gzip((catalogue + "\n").repeat(200).getBytes(StandardCharsets.UTF_8));
    var file = dir.resolve("kev.jsonl.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));

    var result = FeedResult.of(new KevReader(), file);

    var rejected = result.rejected().getFirst();
    var completeLines = rejected.origin().line() - 1;
    assertThat(result.rejected()).hasSize(1);
    assertThat(rejected.reason()).startsWith("unreadable: ");
    assertThat(completeLines).isBetween(1L, 199L);
    assertThat(result.records()).hasSize((int) completeLines * 3); // three entries per catalogue line
  }

  @Test
  void anOverlongCsvLineIsRejectedAndTheNextLinesAreRead() throws IOException {
    var file = dir.resolve("epss_scores-2025-12-26.csv");
    Files.writeString(file, "cve,epss,percentile\nCVE-1999-0001," + "9".repeat(5_000) + ",0.5\nCVE-1999-0002,0.1,0.5\n");

    var result = FeedResult.of(new EpssReader(new Limits(4_096, 8 << 20)), file);

    assertThat(result.rejected()).singleElement().hasToString(file + ", line 2: /: line exceeds 4096 bytes");
    assertThat(result.records()).extracting(EpssScore::cveId).containsExactly("CVE-1999-0002");
  }

  private static byte[] spaces(int n) {
    var bytes = new byte[n];
    Arrays.fill(bytes, (byte) ' ');
    return bytes;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
