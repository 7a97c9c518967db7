package io.haetae.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.alert.AlertSent;
import io.haetae.server.support.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event naming a thousand findings (one alert to a large organisation) is stored in the event
 * publication registry on H2 as on PostgreSQL: on H2 the registry's column was 4,000 characters
 * and such an event failed the transaction that published it.
 */
@SpringBootTest
@ActiveProfiles("test")
class EventRegistryTest {

  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  @Test
  void anEventNamingAThousandIdsIsStored() {
    var ids = new ArrayList<UUID>();
    for (int i = 0; i < 1000; i++) ids.add(UUID.randomUUID());
    UUID alert = UUID.randomUUID();
    tx.executeWithoutResult(s -> events.publishEvent(new AlertSent(alert, UUID.randomUUID(), UUID.randomUUID(), Instant.now(), ids)));
    long stored = jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE :alert")
        .param("alert", "%" + alert + "%").query(Long.class).single();
    assertThat(stored).isPositive();
    Outbox.awaitDrained(jdbc);
  }
}
