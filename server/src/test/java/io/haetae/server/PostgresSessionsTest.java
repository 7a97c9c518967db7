package io.haetae.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

/** What every PostgreSQL connection of the hub gets without the deployment asking for it. */
class PostgresSessionsTest {

  @Test
  void aPostgresPoolPlansWithActualValuesAndBatchesInserts() {
    var pool = pool("jdbc:postgresql://db.example:5432/haetae");
    postProcess(pool);
    assertThat(pool.getConnectionInitSql()).isEqualTo("SET plan_cache_mode = force_custom_plan");
    assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
  }

  @Test
  void settingsGivenExplicitlyWinAndOtherDatabasesAreLeftAlone() {
    var explicit = pool("jdbc:postgresql://db.example/haetae?reWriteBatchedInserts=false");
    explicit.setConnectionInitSql("SET search_path = haetae");
    postProcess(explicit);
    assertThat(explicit.getConnectionInitSql()).isEqualTo("SET search_path = haetae");
    assertThat(explicit.getDataSourceProperties()).doesNotContainKey("reWriteBatchedInserts");

    var h2 = pool("jdbc:h2:mem:x");
    postProcess(h2);
    assertThat(h2.getConnectionInitSql()).isNull();
    assertThat(h2.getDataSourceProperties()).isEmpty();
  }

  private static HikariDataSource pool(String url) {
    var pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }

  private static void postProcess(HikariDataSource pool) {
    assertThat(PostgresSessions.postgresSessionSettings().postProcessBeforeInitialization(pool, "dataSource")).isSameAs(pool);
  }
}
