package io.haetae.server.alert.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the digest for this analysis and organisation. Two deliveries of the same event
   * serialise on the primary key: the second waits for the first's transaction and then finds
   * the row (nothing to send) or, if the first rolled back, claims it itself.
   */
  boolean claim(UUID analysisId, UUID orgId, String recipient, String messageId, int findings) {
    return jdbc.sql("""
        INSERT INTO alert_delivery (analysis_id, org_id, recipient, message_id, findings, sent_at)
        VALUES (:a, :o, :r, :m, :n, :at)
        ON CONFLICT DO NOTHING""")
        .param("a", analysisId).param("o", orgId).param("r", recipient).param("m", messageId)
        .param("n", findings).param("at", OffsetDateTime.now(ZoneOffset.UTC))
        .update() == 1;
  }
}
