package io.haetae.engine.feed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes at every advisory feed reader (docs/fuzzing.md). A feed reader's contract is that
 * bad data comes back as {@link FeedEntry.Rejected} and only a failing disk throws: so any
 * throwable at all, a hang or running out of memory is a bug.
 *
 * <p>The readers take paths (a feed is files and folders), so each input is written to a file
 * named as the real feed names it.
 */
class FeedFuzzTest {

  private static final Path DIR = folder();

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void osv(byte[] input) {
    drain(new OsvFeedReader(), "osv.json", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void osvLines(byte[] input) {
    drain(new OsvFeedReader(), "osv.jsonl", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cve5(byte[] input) {
    drain(new Cve5Reader(), "CVE-2024-0001.json", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void nvd(byte[] input) {
    drain(new NvdReader(), "nvd-page.json", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void csaf(byte[] input) {
    drain(new CsafReader(), "csaf.json", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void kev(byte[] input) {
    drain(new KevReader(), "known_exploited_vulnerabilities.json", input);
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void epss(byte[] input) {
    drain(new EpssReader(), "epss_scores-2025-12-26.csv", input);
  }

  private static <T> void drain(FeedReader<T> reader, String name, byte[] input) {
    var file = DIR.resolve(name);
    try {
      Files.write(file, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (var entries = reader.read(file)) {
      entries.forEach(entry -> { });
    } finally {
      file.toFile().delete();
    }
  }

  private static Path folder() {
    try {
      var dir = Files.createTempDirectory("haetae-feed-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
