package io.haetae.engine.feed;

import io.haetae.engine.advisory.OsvSource.Origin;
import java.util.Objects;

/** One record read from a feed file: read, or rejected with where and why. */
public sealed interface FeedEntry<T> {

  Origin origin();

  /** A record that passed the format's checks. */
  record Read<T>(T record, Origin origin) implements FeedEntry<T> {
    public Read {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * A record refused: {@code recordId} is its id when it could be read (else null),
   * {@code pointer} an RFC 6901 JSON pointer into the file's document ("" for all of it).
   */
  record Rejected<T>(Origin origin, String recordId, String pointer, String reason) implements FeedEntry<T> {
    public Rejected {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return origin + (recordId == null ? "" : " (" + recordId + ")") + ": "
          + (pointer.isEmpty() ? "/" : pointer) + ": " + reason;
    }
  }
}
