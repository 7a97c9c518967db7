package io.haetae.engine.feed;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a reader gave for a path: the records read and the rejections, in order. */
record FeedResult<T>(List<T> records, List<FeedEntry.Rejected<T>> rejected) {

  static <T> FeedResult<T> of(FeedReader<T> reader, Path path) {
    var records = new ArrayList<T>();
    var rejected = new ArrayList<FeedEntry.Rejected<T>>();
    try (var entries = reader.read(path)) {
      entries.forEach(entry -> {
        switch (entry) {
          case FeedEntry.Read<T> read -> records.add(read.record());
          case FeedEntry.Rejected<T> bad -> rejected.add(bad);
        }
      });
    }
    return new FeedResult<>(records, rejected);
  }

  /** A fixture under src/test/resources/fixtures/feeds. */
  static Path fixture(String name) {
    try {
      var url = FeedResult.class.getResource("/fixtures/feeds/" + name);
      if (url == null) throw new IllegalArgumentException("no fixture " + name);
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
