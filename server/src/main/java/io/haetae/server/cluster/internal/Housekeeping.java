package io.haetae.server.cluster.internal;

import io.haetae.server.cluster.SharedCounters;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets counters nobody has hit for a day and nodes not seen for a day. Once in the cluster. */
@Component
class Housekeeping {

  private final SharedCounters counters;
  private final JdbcClient jdbc;

  Housekeeping(SharedCounters counters, JdbcClient jdbc) {
    this.counters = counters;
    this.jdbc = jdbc;
  }

  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
  @SchedulerLock(name = "cluster-housekeeping", lockAtMostFor = "PT10M", lockAtLeastFor = "PT1M")
  void forgetOld() {
    counters.forgetOlderThan(Duration.ofDays(1));
    jdbc.sql("DELETE FROM cluster_node WHERE seen_at < :before")
        .param("before", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)).update();
  }
}
