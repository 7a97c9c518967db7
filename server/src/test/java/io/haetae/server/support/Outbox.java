package io.haetae.server.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for the event publication registry to drain, so one step's events do not race the next.
 * Failed publications count as handled: they wait for a retry that a test does not trigger.
 * When it does not drain, the failure names the publications still open.
 */
public final class Outbox {

  private static final String OPEN = "FROM event_publication WHERE completion_date IS NULL AND (status IS NULL OR status <> 'FAILED')";

  private Outbox() {}

  public static void awaitDrained(JdbcClient jdbc) {
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> jdbc.sql("SELECT COUNT(*) " + OPEN).query(Long.class).single() == 0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("event publications still open after 30 s: " + open(jdbc), e);
    }
  }

  private static List<String> open(JdbcClient jdbc) {
    return jdbc.sql("SELECT listener_id, event_type, status, publication_date, last_resubmission_date " + OPEN
            + " ORDER BY publication_date FETCH FIRST 20 ROWS ONLY")
        .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
            + " published " + rs.getString(4) + " resubmitted " + rs.getString(5))
        .list();
  }
}
