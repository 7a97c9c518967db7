package io.haetae.server.cluster.internal;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work runs once in the cluster: each {@code @Scheduled} method of the hub carries a
 * {@code @SchedulerLock}, and the node that takes the job's row in {@code cluster_lock} runs it
 * while the others skip that turn. Times are the database's ({@code usingDbTime}), so nodes whose
 * clocks differ still agree on when a lock ends. {@code lockAtMostFor} frees the job of a node
 * that died holding it; {@code lockAtLeastFor} keeps a quick job from running again on another
 * node in the same turn.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class ScheduledLocks {

  @Bean
  LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .withTableName("cluster_lock")
        .usingDbTime()
        .build());
  }

  @Bean
  LockingTaskExecutor lockingTaskExecutor(LockProvider locks) {
    return new DefaultLockingTaskExecutor(locks);
  }
}
