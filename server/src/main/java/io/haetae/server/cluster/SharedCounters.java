package io.haetae.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counters in the database, so that every node of a cluster counts the same failures and uploads
 * (table {@code cluster_counter}). A counter's window starts at its first hit and lasts
 * {@code window}; the first hit after it starts a new window. A hit is one conditional UPDATE
 * (atomic on both databases: the row is locked while it changes), or an INSERT when the key is new.
 *
 * <pre>{@code
 * Count c = counters.hit("fail:addr:10.0.0.1", Duration.ofMinutes(10));
 * if (c.hits() > 30) refuse();
 * }</pre>
 */
@Component
public class SharedCounters {

  /** Hits in the current window and when the last one came; {@link #NONE} when the window is over. */
  public record Count(int hits, Instant lastHit) {
    public static final Count NONE = new Count(0, null);
  }

  private final JdbcClient jdbc;

  SharedCounters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one hit of {@code key} and returns the window's count, this hit included. */
  public Count hit(String key, Duration window) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime expired = now.minus(window);
    for (int attempt = 0; attempt < 3; attempt++) {
      int updated = jdbc.sql("""
          UPDATE cluster_counter
          SET hits = CASE WHEN window_start < :expired THEN 1 ELSE hits + 1 END,
              window_start = CASE WHEN window_start < :expired THEN :now ELSE window_start END,
              last_hit = :now
          WHERE counter_key = :key""")
          .param("expired", expired).param("now", now).param("key", key).update();
      if (updated == 0) {
        updated = jdbc.sql("""
            INSERT INTO cluster_counter (counter_key, window_start, hits, last_hit) VALUES (:key, :now, 1, :now)
            ON CONFLICT DO NOTHING""").param("key", key).param("now", now).update();
      }
      // Another node inserted the key between our UPDATE and INSERT: count again on its row.
      if (updated > 0) return read(key, window);
    }
    throw new IllegalStateException("counter " + key + " could not be updated");
  }

  /** The current window's count of {@code key}. */
  public Count read(String key, Duration window) {
    OffsetDateTime expired = OffsetDateTime.now(ZoneOffset.UTC).minus(window);
    return jdbc.sql("SELECT hits, last_hit, window_start FROM cluster_counter WHERE counter_key = :key")
        .param("key", key)
        .query((rs, n) -> rs.getObject(3, OffsetDateTime.class).isBefore(expired)
            ? Count.NONE : new Count(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
        .optional().orElse(Count.NONE);
  }

  /** Forgets {@code key} (a success clears the failures it counted). */
  public void reset(String key) {
    jdbc.sql("DELETE FROM cluster_counter WHERE counter_key = :key").param("key", key).update();
  }

  /** Removes counters whose last hit is older than {@code age}; returns how many. */
  public int forgetOlderThan(Duration age) {
    return jdbc.sql("DELETE FROM cluster_counter WHERE last_hit < :before")
        .param("before", OffsetDateTime.now(ZoneOffset.UTC).minus(age)).update();
  }
}
