package io.haetae.server;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Session settings every PostgreSQL connection of the hub needs, so no deployment has to know
 * them (H2 and other databases are left alone; a setting given explicitly wins):
 * <ul>
 *   <li>{@code reWriteBatchedInserts}: pgjdbc sends a JDBC batch as multi-row INSERTs instead of
 *       one statement per row (findings, SBOM components).
 *   <li>{@code plan_cache_mode = force_custom_plan}: after five runs of a prepared statement a
 *       session otherwise keeps PostgreSQL's generic plan. For tables that fill from empty (a
 *       new hub's first import) that plan is made while they are empty, a sequential scan, and is
 *       kept as they grow: the same first import ran at about 2,000 records/s with it and
 *       5,800-7,700/s without (BENCHMARKS.md, "Knowledge base import"). The hub's statements are
 *       small; planning each with its values costs less than one such scan.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PostgresSessions {

  @Bean
  static BeanPostProcessor postgresSessionSettings() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())) configure(pool);
        return bean;
      }
    };
  }

  static boolean isPostgres(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
  }

  static void configure(HikariDataSource pool) {
    if (!pool.getJdbcUrl().contains("reWriteBatchedInserts")) {
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    if (pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
    }
  }
}
