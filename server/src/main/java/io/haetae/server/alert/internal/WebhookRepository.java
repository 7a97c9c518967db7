package io.haetae.server.alert.internal;

import static io.haetae.server.web.SqlValues.instant;
import static io.haetae.server.web.SqlValues.utc;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.WebhookRecords.Attempt;
import io.haetae.server.alert.internal.WebhookRecords.Endpoint;
import io.haetae.server.alert.internal.WebhookRecords.EventType;
import io.haetae.server.alert.internal.WebhookRecords.Message;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {

  private static final String ENDPOINT = """
      id, org_id, url, secret, min_severity, events, enabled, disabled_reason, created_at, created_by""";

  private final JdbcClient jdbc;

  WebhookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Endpoint e) {
    jdbc.sql("INSERT INTO alert_webhook (" + ENDPOINT + ") VALUES (:id, :org, :url, :secret, :min, :events, :enabled, NULL, :at, :by)")
        .param("id", e.id()).param("org", e.orgId()).param("url", e.url()).param("secret", e.secret())
        .param("min", e.minSeverity().name()).param("events", EventType.join(e.events())).param("enabled", e.enabled())
        .param("at", utc(e.createdAt())).param("by", e.createdBy()).update();
  }

  List<Endpoint> endpoints(UUID orgId) {
    return jdbc.sql("SELECT " + ENDPOINT + " FROM alert_webhook WHERE org_id = :org ORDER BY created_at")
        .param("org", orgId).query(WebhookRepository::endpoint).list();
  }

  Optional<Endpoint> endpoint(UUID orgId, UUID id) {
    return jdbc.sql("SELECT " + ENDPOINT + " FROM alert_webhook WHERE org_id = :org AND id = :id")
        .param("org", orgId).param("id", id).query(WebhookRepository::endpoint).optional();
  }

  /** Removes the endpoint; its undelivered messages are cancelled, its history kept. */
  boolean delete(UUID orgId, UUID id) {
    int n = jdbc.sql("DELETE FROM alert_webhook WHERE org_id = :org AND id = :id").param("org", orgId).param("id", id).update();
    if (n > 0) {
      jdbc.sql("UPDATE alert_webhook_message SET state = 'CANCELLED' WHERE webhook_id = :id AND state = 'PENDING'")
          .param("id", id).update();
    }
    return n > 0;
  }

  void disable(UUID id, String reason) {
    jdbc.sql("UPDATE alert_webhook SET enabled = FALSE, disabled_reason = :r WHERE id = :id")
        .param("r", clip(reason)).param("id", id).update();
  }

  /** Queues a message unless one with this id exists (a redelivered event). */
  boolean enqueue(String id, UUID webhookId, UUID orgId, EventType type, String payload, Instant now) {
    return jdbc.sql("""
        INSERT INTO alert_webhook_message (id, webhook_id, org_id, event_type, payload, state, attempts, next_attempt_at, created_at)
        VALUES (:id, :hook, :org, :type, :payload, 'PENDING', 0, :at, :at) ON CONFLICT DO NOTHING""")
        .param("id", id).param("hook", webhookId).param("org", orgId).param("type", type.wire).param("payload", payload)
        .param("at", utc(now)).update() > 0;
  }

  /**
   * Claims due messages for {@code lease}: their next attempt is pushed to the end of the lease,
   * so another sender (or another node) takes them only if this one dies before recording the
   * attempt. Runs in the caller's transaction; the row locks are held only until it commits.
   */
  List<Message> claim(Instant now, Instant lease, int limit) {
    List<String> ids = jdbc.sql("""
        SELECT id FROM alert_webhook_message WHERE state = 'PENDING' AND next_attempt_at <= :now
        ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
        .param("now", utc(now)).param("limit", limit).query(String.class).list();
    if (ids.isEmpty()) return List.of();
    jdbc.sql("UPDATE alert_webhook_message SET next_attempt_at = :lease WHERE id IN (:ids)")
        .param("lease", utc(lease)).param("ids", ids).update();
    return jdbc.sql("""
        SELECT m.id, m.webhook_id, m.org_id, m.event_type, m.payload, m.attempts, w.url, w.secret, w.enabled
        FROM alert_webhook_message m JOIN alert_webhook w ON w.id = m.webhook_id WHERE m.id IN (:ids)""")
        .param("ids", ids)
        .query((rs, n) -> new Message(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getBoolean(9)))
        .list();
  }

  /** Records an attempt and the message's new state in one statement pair (the caller's transaction). */
  void record(Message m, int attempt, Instant at, Integer status, String error, int durationMs, String state, Instant next) {
    jdbc.sql("""
        INSERT INTO alert_webhook_attempt (message_id, attempt, webhook_id, attempted_at, status, error, duration_ms, next_attempt_at)
        VALUES (:m, :n, :hook, :at, :status, :error, :ms, :next) ON CONFLICT DO NOTHING""")
        .param("m", m.id()).param("n", attempt).param("hook", m.webhookId()).param("at", utc(at))
        .param("status", status, Types.INTEGER).param("error", clip(error), Types.VARCHAR).param("ms", durationMs)
        .param("next", next == null ? null : utc(next), Types.TIMESTAMP_WITH_TIMEZONE).update();
    jdbc.sql("""
        UPDATE alert_webhook_message SET state = :state, attempts = :n, next_attempt_at = :next,
          delivered_at = :delivered WHERE id = :m""")
        .param("state", state).param("n", attempt).param("next", utc(next == null ? at : next))
        .param("delivered", state.equals("DELIVERED") ? utc(at) : null, Types.TIMESTAMP_WITH_TIMEZONE)
        .param("m", m.id()).update();
  }

  /** The latest attempts of the organisation's endpoints, or of one ({@code webhookId} not null). */
  List<Attempt> attempts(UUID orgId, UUID webhookId, int limit) {
    var sql = jdbc.sql("""
        SELECT a.message_id, a.attempt, a.webhook_id, m.event_type, a.attempted_at, a.status, a.error, a.duration_ms,
          a.next_attempt_at, m.state
        FROM alert_webhook_attempt a JOIN alert_webhook_message m ON m.id = a.message_id
        WHERE m.org_id = :org""" + (webhookId == null ? "" : " AND a.webhook_id = :hook") + """

        ORDER BY a.attempted_at DESC, a.attempt DESC LIMIT :limit""")
        .param("org", orgId).param("limit", limit);
    if (webhookId != null) sql = sql.param("hook", webhookId);
    return sql
        .query((rs, n) -> new Attempt(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class), rs.getString(4),
            instant(rs, 5), (Integer) rs.getObject(6), rs.getString(7), rs.getInt(8), instant(rs, 9), rs.getString(10)))
        .list();
  }

  private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
    return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("url"),
        rs.getString("secret"), Severity.valueOf(rs.getString("min_severity")), EventType.parse(rs.getString("events")),
        rs.getBoolean("enabled"), rs.getString("disabled_reason"), instant(rs, 9), rs.getString("created_by"));
  }

  private static String clip(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
