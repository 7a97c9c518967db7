package io.haetae.server;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Spring Modulith creates the event publication registry on H2 with
 * {@code serialized_event VARCHAR(4000)} (PostgreSQL gets {@code TEXT}). An event naming a few
 * hundred ids (an alert's findings, the CVEs a KEV import changed) is longer than that, and on
 * the embedded database its whole transaction failed: importing the full KEV catalogue into a
 * demo hub answered 500. The column is widened to H2's largest VARCHAR once all beans (and so the
 * registry's own schema initialisation) are in place, before the hub publishes anything.
 */
@Component
class EventRegistryOnH2 implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(EventRegistryOnH2.class);
  static final int WIDTH = 1_000_000;

  private final JdbcClient jdbc;
  private final DataSource dataSource;

  EventRegistryOnH2(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!isH2()) return;
    Long width = jdbc.sql("""
        SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS
        WHERE LOWER(TABLE_NAME) = 'event_publication' AND LOWER(COLUMN_NAME) = 'serialized_event'""")
        .query(Long.class).optional().orElse(null);
    if (width == null || width >= WIDTH) return;
    jdbc.sql("ALTER TABLE event_publication ALTER COLUMN serialized_event VARCHAR(" + WIDTH + ")").update();
    log.atInfo().addKeyValue("from", width).addKeyValue("to", WIDTH).log("event registry column widened");
  }

  private boolean isH2() {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the database's name", e);
    }
  }
}
