package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditEntry;
import io.haetae.server.identity.TenantScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** INSERT and SELECT only: the audit log has no path that changes or removes an entry. */
@Repository
public class AuditRepository {

  private final JdbcClient jdbc;

  AuditRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(AuditEntry e) {
    jdbc.sql("""
        INSERT INTO identity_audit (at, actor, org_id, action, target, source)
        VALUES (:at, :actor, :org, :action, :target, :source)""")
        .param("at", e.at().atOffset(ZoneOffset.UTC)).param("actor", e.actor()).param("org", e.organisation())
        .param("action", e.action()).param("target", e.target()).param("source", e.from())
        .update();
  }

  /** Entries within a scope, newest first, each with the name of the organisation it concerns. */
  public List<AuditEntry> find(TenantScope scope, String action, Instant since, int limit) {
    var sql = new StringBuilder("""
        SELECT a.id, a.at, a.actor, a.org_id, a.action, a.target, a.source, o.name AS org_name
        FROM identity_audit a LEFT JOIN identity_organisation o ON o.id = a.org_id
        WHERE a.at >= :since AND \s""").append(scope.on("a.org_id"));
    if (action != null) sql.append(" AND a.action = :action");
    sql.append(" ORDER BY a.id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    var statement = scope.bind(jdbc.sql(sql.toString()))
        .param("since", (since == null ? Instant.EPOCH : since).atOffset(ZoneOffset.UTC));
    if (action != null) statement = statement.param("action", action);
    return statement.query((rs, n) -> new AuditEntry(rs.getLong("id"),
        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
        rs.getObject("org_id", UUID.class), rs.getString("action"), rs.getString("target"), rs.getString("source"),
        rs.getString("org_name")))
        .list();
  }
}
