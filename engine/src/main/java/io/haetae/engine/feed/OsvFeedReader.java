package io.haetae.engine.feed;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import java.nio.file.Path;
import java.util.stream.Stream;

/** OSV records through {@link OsvSource} (file, folder, JSONL, JSONL.gz, OSV bulk zip), as a feed. */
public final class OsvFeedReader implements FeedReader<Advisory> {

  private final OsvSource source = new OsvSource();

  @Override
  public String format() {
    return "osv";
  }

  @Override
  public Stream<FeedEntry<Advisory>> read(Path path) {
    return source.read(path).map(entry -> switch (entry) {
      case OsvSource.Accepted a -> new FeedEntry.Read<>(a.advisory(), a.origin());
      case OsvSource.Rejected r -> new FeedEntry.Rejected<Advisory>(r.origin(), null, r.pointer(), r.reason());
    });
  }
}
