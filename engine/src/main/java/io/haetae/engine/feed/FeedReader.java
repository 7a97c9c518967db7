package io.haetae.engine.feed;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads one public vulnerability feed format from files: one implementation per format
 * ({@link OsvFeedReader}, {@link Cve5Reader}, {@link NvdReader}, {@link CsafReader},
 * {@link KevReader}, {@link EpssReader}).
 *
 * <pre>{@code
 * try (var entries = new NvdReader().read(Path.of("nvd-page-0.json.gz"))) {
 *   entries.forEach(entry -> switch (entry) {
 *     case FeedEntry.Read<Advisory> r -> store(r.record());
 *     case FeedEntry.Rejected<Advisory> bad -> report(bad); // file, record id, JSON pointer, reason
 *   });
 * }
 * }</pre>
 *
 * A path is a file or a folder (walked recursively in path order). Bad records come back as
 * {@link FeedEntry.Rejected}; only a failing disk throws. Close the stream to release files.
 *
 * @param <T> what one record becomes: an {@code Advisory}, a {@link KevEntry}, an {@link EpssScore}
 */
public interface FeedReader<T> {

  /** The format's name as the CLI and the import API spell it: "osv", "cve5", "nvd", "csaf", "kev", "epss". */
  String format();

  Stream<FeedEntry<T>> read(Path path);
}
