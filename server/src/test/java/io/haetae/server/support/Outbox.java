package io.haetae.server.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for the event publication registry to drain, so one step's events do not race the next.
 * Failed publications count as handled: they wait for a retry that a test does not trigger.
 */
public final class Outbox {

  private Outbox() {}

  public static void awaitDrained(JdbcClient jdbc) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND (status IS NULL OR status <> 'FAILED')")
        .query(Long.class).single() == 0);
  }
}
