package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import io.haetae.server.broadcast.BroadcastStatus;
import io.haetae.server.broadcast.Recipient;
import io.haetae.server.identity.Addressee;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The broadcast tables: notices, their attachments and one row per recipient organisation. */
@Repository
public class BroadcastRepository {

  /** Rows per JDBC batch when addressing a broadcast. */
  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  BroadcastRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  public void insert(BroadcastStatus b, String markdown, String html, List<Attachment> attachments) {
    jdbc.sql("""
        INSERT INTO broadcast_notice (id, kind, title, body_markdown, body_html, audience, require_ack, created_at,
          created_by, sender_org, recipients)
        VALUES (:id, :kind, :title, :markdown, :html, :audience, :ack, :at, :by, :org, :recipients)""")
        .param("id", b.id()).param("kind", b.kind()).param("title", b.title()).param("markdown", markdown)
        .param("html", html).param("audience", clip(b.audience(), 1000)).param("ack", b.requireAcknowledgement())
        .param("at", utc(b.createdAt())).param("by", clip(b.createdBy(), 320)).param("org", b.senderOrg())
        .param("recipients", (int) b.recipients())
        .update();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      jdbc.sql("""
          INSERT INTO broadcast_attachment (broadcast_id, position, name, content_type, content)
          VALUES (:id, :pos, :name, :type, :content)""")
          .param("id", b.id()).param("pos", i).param("name", a.name()).param("type", a.contentType())
          .param("content", a.content())
          .update();
    }
  }

  /** One row per addressee, PENDING, in JDBC batches (rewritten to multi-row inserts on PostgreSQL). */
  public void insertRecipients(UUID broadcast, List<Addressee> addressees, Instant now) {
    Timestamp at = Timestamp.from(now);
    template.batchUpdate("""
        INSERT INTO broadcast_recipient (broadcast_id, org_id, org_name, email, language, state, attempts, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)""", addressees, BATCH, (ps, a) -> {
          ps.setObject(1, broadcast);
          ps.setObject(2, a.orgId());
          ps.setString(3, a.orgName());
          ps.setString(4, a.email());
          ps.setString(5, a.language() == null ? "ko" : a.language());
          ps.setTimestamp(6, at);
        });
  }

  private static final String SELECT_STATUS = """
      SELECT n.id, n.kind, n.title, n.audience, n.require_ack, n.created_at, n.created_by, n.sender_org, n.recipients,
        (SELECT COUNT(*) FROM broadcast_recipient r WHERE r.broadcast_id = n.id AND r.state = 'SENT') AS delivered,
        (SELECT COUNT(*) FROM broadcast_recipient r WHERE r.broadcast_id = n.id AND r.state = 'FAILED') AS failed,
        (SELECT COUNT(*) FROM broadcast_recipient r WHERE r.broadcast_id = n.id AND r.acknowledged_at IS NOT NULL) AS acknowledged
      FROM broadcast_notice n""";

  public Optional<BroadcastStatus> find(UUID id) {
    return jdbc.sql(SELECT_STATUS + " WHERE n.id = :id").param("id", id).query(BroadcastRepository::status).optional();
  }

  /** The newest broadcasts, all or those one organisation sent. */
  public List<BroadcastStatus> list(UUID senderOrg, int limit) {
    String where = senderOrg == null ? "" : " WHERE n.sender_org = :org";
    var spec = jdbc.sql(SELECT_STATUS + where + " ORDER BY n.created_at DESC LIMIT :limit").param("limit", limit);
    if (senderOrg != null) spec = spec.param("org", senderOrg);
    return spec.query(BroadcastRepository::status).list();
  }

  public List<Recipient> recipients(UUID id, boolean onlyUnacknowledged, int offset, int limit) {
    return jdbc.sql("""
        SELECT org_id, org_name, email, state, sent_at, acknowledged_at, error FROM broadcast_recipient
        WHERE broadcast_id = :id""" + (onlyUnacknowledged ? " AND acknowledged_at IS NULL" : "")
        + " ORDER BY org_name, org_id LIMIT :limit OFFSET :offset")
        .param("id", id).param("limit", limit).param("offset", offset)
        .query(BroadcastRepository::recipient).list();
  }

  public Optional<Recipient> recipient(UUID id, UUID orgId) {
    return jdbc.sql("""
        SELECT org_id, org_name, email, state, sent_at, acknowledged_at, error FROM broadcast_recipient
        WHERE broadcast_id = :id AND org_id = :org""")
        .param("id", id).param("org", orgId).query(BroadcastRepository::recipient).optional();
  }

  public Set<UUID> acknowledgedOrganisations(UUID id) {
    return new HashSet<>(jdbc.sql("SELECT org_id FROM broadcast_recipient WHERE broadcast_id = :id AND acknowledged_at IS NOT NULL")
        .param("id", id).query(UUID.class).list());
  }

  /** Marks the acknowledgement; false when not addressed or acknowledged before. */
  public boolean acknowledge(UUID id, UUID orgId, String by, Instant at) {
    return jdbc.sql("""
        UPDATE broadcast_recipient SET acknowledged_at = :at, acknowledged_by = :by
        WHERE broadcast_id = :id AND org_id = :org AND acknowledged_at IS NULL""")
        .param("at", utc(at)).param("by", clip(by, 320)).param("id", id).param("org", orgId).update() == 1;
  }

  private static BroadcastStatus status(ResultSet rs, int n) throws SQLException {
    return new BroadcastStatus(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
        rs.getString("audience"), rs.getBoolean("require_ack"), instant(rs, "created_at"), rs.getString("created_by"),
        rs.getObject("sender_org", UUID.class), rs.getInt("recipients"), rs.getLong("delivered"), rs.getLong("failed"),
        rs.getLong("acknowledged"));
  }

  private static Recipient recipient(ResultSet rs, int n) throws SQLException {
    return new Recipient(rs.getObject("org_id", UUID.class), rs.getString("org_name"), rs.getString("email"),
        Recipient.State.valueOf(rs.getString("state")), instant(rs, "sent_at"), instant(rs, "acknowledged_at"),
        rs.getString("error"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
