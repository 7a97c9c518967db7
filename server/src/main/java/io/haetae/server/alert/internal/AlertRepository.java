package io.haetae.server.alert.internal;

import static io.haetae.server.web.SqlValues.clip;
import static io.haetae.server.web.SqlValues.instant;
import static io.haetae.server.web.SqlValues.utc;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.alert.internal.AlertRecords.Settings;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.identity.Tlp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertRepository {

  private static final String ALERT_COLUMNS = """
      id, analysis_id, org_id, state, message_id, severity, urgent, tlp, projects, recipients, created_at, sent_at,
      acknowledged_at, acknowledged_by, escalated_at, escalated_to""";

  private final JdbcClient jdbc;

  AlertRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the alert for this analysis and organisation. Two deliveries of the same event
   * serialise on the unique key: the second waits for the first's transaction and then finds the
   * row (nothing to send) or, if the first rolled back, claims it itself.
   */
  boolean claim(Alert a) {
    return jdbc.sql("""
        INSERT INTO alert_alert (id, analysis_id, org_id, state, message_id, severity, urgent, tlp, projects, recipients,
          created_at, sent_at)
        VALUES (:id, :analysis, :org, :state, :message, :severity, :urgent, :tlp, :projects, :recipients, :created, :sent)
        ON CONFLICT DO NOTHING""")
        .param("id", a.id()).param("analysis", a.analysisId()).param("org", a.orgId()).param("state", a.state().name())
        .param("message", a.messageId()).param("severity", a.severity().name()).param("urgent", a.urgent())
        .param("tlp", a.tlp().name()).param("projects", clip(a.projects(), 2000)).param("recipients", clip(a.recipients(), 4000))
        .param("created", utc(a.createdAt())).param("sent", utc(a.sentAt()))
        .update() == 1;
  }

  void insertItems(UUID alertId, List<Item> items) {
    for (Item i : items) {
      jdbc.sql("""
          INSERT INTO alert_finding (alert_id, finding_id, position, project_id, component_key, component, component_version,
            advisory_id, aliases, title, severity, score, kev, epss, tlp, upgrade_to, workaround, due_date)
          VALUES (:alert, :finding, :position, :project, :key, :component, :version, :advisory, :aliases, :title, :severity,
            :score, :kev, :epss, :tlp, :upgrade, :workaround, :due)""")
          .param("alert", alertId).param("finding", i.findingId()).param("position", i.position())
          .param("project", i.projectId()).param("key", clip(i.componentKey(), 2048)).param("component", clip(i.component(), 1200))
          .param("version", i.componentVersion()).param("advisory", i.advisoryId())
          .param("aliases", clip(String.join(",", i.aliases()), 2000)).param("title", clip(i.title(), 1000))
          .param("severity", i.severity().name()).param("score", i.score()).param("kev", i.kev()).param("epss", i.epss())
          .param("tlp", i.tlp().name()).param("upgrade", i.upgradeTo()).param("workaround", clip(i.workaround(), 4000))
          .param("due", i.dueDate())
          .update();
    }
  }

  /** An alert the scope may read. */
  Optional<Alert> find(TenantScope scope, UUID id) {
    return scope.bind(jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alert_alert WHERE id = :id AND " + scope.on("org_id")))
        .param("id", id).query(AlertRepository::alert).optional();
  }

  /** One page of the scope's alerts, newest first. */
  List<Alert> page(TenantScope scope, int offset, int limit) {
    return scope.bind(jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alert_alert WHERE " + scope.on("org_id")
            + " ORDER BY created_at DESC, id OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY"))
        .param("offset", offset).param("limit", limit).query(AlertRepository::alert).list();
  }

  long count(TenantScope scope) {
    return scope.bind(jdbc.sql("SELECT COUNT(*) FROM alert_alert WHERE " + scope.on("org_id"))).query(Long.class).single();
  }

  List<Item> items(UUID alertId) {
    return jdbc.sql("""
        SELECT finding_id, position, project_id, component_key, component, component_version, advisory_id, aliases, title,
          severity, score, kev, epss, tlp, upgrade_to, workaround, due_date
        FROM alert_finding WHERE alert_id = :a ORDER BY position""")
        .param("a", alertId).query(AlertRepository::item).list();
  }

  /** Moves an alert if it is still in one of {@code from}; false when someone else moved it first. */
  boolean acknowledge(UUID id, java.util.Set<AlertState> from, Instant at, String actor) {
    return jdbc.sql("""
        UPDATE alert_alert SET state = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :actor
        WHERE id = :id AND state IN (:from)""")
        .param("id", id).param("from", from.stream().map(Enum::name).toList()).param("at", utc(at))
        .param("actor", clip(actor, 320)).update() == 1;
  }

  boolean escalate(UUID id, java.util.Set<AlertState> from, Instant at, String to) {
    return jdbc.sql("""
        UPDATE alert_alert SET state = 'ESCALATED', escalated_at = :at, escalated_to = :to
        WHERE id = :id AND state IN (:from) AND escalated_at IS NULL""")
        .param("id", id).param("from", from.stream().map(Enum::name).toList()).param("at", utc(at))
        .param("to", clip(to, 4000)).update() == 1;
  }

  /** Urgent alerts still waiting for an acknowledgement that were sent before {@code before}. */
  List<Alert> overdue(Instant before, int limit) {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + """
         FROM alert_alert WHERE state = 'SENT' AND urgent = TRUE AND escalated_at IS NULL AND sent_at <= :before
        ORDER BY sent_at FETCH FIRST :limit ROWS ONLY""")
        .param("before", utc(before)).param("limit", limit).query(AlertRepository::alert).list();
  }

  Optional<Settings> settings(UUID orgId) {
    return jdbc.sql("SELECT ciso_min, members_min, extra_min, extra_addresses FROM alert_setting WHERE org_id = :o")
        .param("o", orgId)
        .query((rs, n) -> new Settings(level(rs.getString("ciso_min")), level(rs.getString("members_min")),
            level(rs.getString("extra_min")), Arrays.stream(rs.getString("extra_addresses").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()))
        .optional();
  }

  void saveSettings(UUID orgId, Settings s, String actor) {
    jdbc.sql("DELETE FROM alert_setting WHERE org_id = :o").param("o", orgId).update();
    jdbc.sql("""
        INSERT INTO alert_setting (org_id, ciso_min, members_min, extra_min, extra_addresses, updated_at, updated_by)
        VALUES (:o, :ciso, :members, :extra, :addresses, :at, :by)""")
        .param("o", orgId).param("ciso", name(s.ciso())).param("members", name(s.members())).param("extra", name(s.extra()))
        .param("addresses", String.join(",", s.extraAddresses())).param("at", utc(Instant.now())).param("by", clip(actor, 320))
        .update();
  }

  /** The link-signing secret, made on first use; concurrent first uses agree on the stored one. */
  String linkSecret(java.util.function.Supplier<String> fresh) {
    var stored = jdbc.sql("SELECT secret FROM alert_link_key WHERE id = 1").query(String.class).optional();
    if (stored.isPresent()) return stored.get();
    jdbc.sql("INSERT INTO alert_link_key (id, secret, created_at) VALUES (1, :s, :at) ON CONFLICT DO NOTHING")
        .param("s", fresh.get()).param("at", utc(Instant.now())).update();
    return jdbc.sql("SELECT secret FROM alert_link_key WHERE id = 1").query(String.class).single();
  }

  private static Severity level(String s) {
    return "OFF".equals(s) ? null : Severity.valueOf(s);
  }

  private static String name(Severity s) {
    return s == null ? "OFF" : s.name();
  }

  private static Alert alert(ResultSet rs, int n) throws SQLException {
    return new Alert(rs.getObject("id", UUID.class), rs.getObject("analysis_id", UUID.class),
        rs.getObject("org_id", UUID.class), AlertState.valueOf(rs.getString("state")), rs.getString("message_id"),
        Severity.valueOf(rs.getString("severity")), rs.getBoolean("urgent"), Tlp.valueOf(rs.getString("tlp")),
        rs.getString("projects"), rs.getString("recipients"), instant(rs, "created_at"), instant(rs, "sent_at"),
        instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "escalated_at"),
        rs.getString("escalated_to"));
  }

  private static Item item(ResultSet rs, int n) throws SQLException {
    double score = rs.getDouble("score");
    Double boxedScore = rs.wasNull() ? null : score;
    double epss = rs.getDouble("epss");
    Double boxedEpss = rs.wasNull() ? null : epss;
    String aliases = rs.getString("aliases");
    return new Item(rs.getObject("finding_id", UUID.class), rs.getInt("position"), rs.getObject("project_id", UUID.class),
        rs.getString("component_key"), rs.getString("component"), rs.getString("component_version"),
        rs.getString("advisory_id"), aliases.isEmpty() ? List.of() : List.of(aliases.split(",")), rs.getString("title"),
        Severity.valueOf(rs.getString("severity")), boxedScore, rs.getBoolean("kev"), boxedEpss,
        Tlp.valueOf(rs.getString("tlp")), rs.getString("upgrade_to"), rs.getString("workaround"),
        rs.getObject("due_date", LocalDate.class));
  }
}
