package io.haetae.server.incident.internal;

import static io.haetae.server.web.SqlValues.clip;
import static io.haetae.server.web.SqlValues.instant;
import static io.haetae.server.web.SqlValues.utc;

import io.haetae.server.identity.Tlp;
import io.haetae.server.incident.internal.IncidentRecords.Case;
import io.haetae.server.incident.internal.IncidentRecords.Category;
import io.haetae.server.incident.internal.IncidentRecords.Custody;
import io.haetae.server.incident.internal.IncidentRecords.Decision;
import io.haetae.server.incident.internal.IncidentRecords.Evidence;
import io.haetae.server.incident.internal.IncidentRecords.Kind;
import io.haetae.server.incident.internal.IncidentRecords.Link;
import io.haetae.server.incident.internal.IncidentRecords.LinkKind;
import io.haetae.server.incident.internal.IncidentRecords.Member;
import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Severity;
import io.haetae.server.incident.internal.IncidentRecords.Submitted;
import io.haetae.server.incident.internal.IncidentRecords.Task;
import io.haetae.server.incident.internal.IncidentRecords.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident module's tables. Decisions and custody entries are only ever inserted. */
@Repository
class IncidentRepository {

  private static final String CASE = """
      id, org_id, org_name, org_sector, title, kind, service, service_purl, description, severity, tlp, rsit_class,
      aware_at, zone_id, opened_at, opened_by""";

  private final JdbcClient jdbc;

  IncidentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Case c) {
    jdbc.sql("INSERT INTO incident_case (" + CASE + ") VALUES (:id, :org, :orgName, :sector, :title, :kind, :service, :purl, "
        + ":description, :severity, :tlp, :class, :aware, :zone, :opened, :by)")
        .param("id", c.id()).param("org", c.orgId()).param("orgName", clip(c.orgName(), 200))
        .param("sector", c.orgSector(), Types.VARCHAR).param("title", c.title()).param("kind", c.kind().name())
        .param("service", c.service()).param("purl", c.servicePurl(), Types.VARCHAR).param("description", c.description())
        .param("severity", c.severity().name()).param("tlp", c.tlp().name()).param("class", c.incidentClass().name())
        .param("aware", utc(c.awareAt())).param("zone", c.zone().getId()).param("opened", utc(c.openedAt()))
        .param("by", c.openedBy()).update();
  }

  Optional<Case> find(UUID id) {
    return jdbc.sql("SELECT " + CASE + " FROM incident_case WHERE id = :id").param("id", id)
        .query(IncidentRepository::incident).optional();
  }

  /** Cases of one organisation (null: every case), newest first. */
  List<Case> list(UUID orgId, int limit) {
    var sql = jdbc.sql("SELECT " + CASE + " FROM incident_case" + (orgId == null ? "" : " WHERE org_id = :org")
        + " ORDER BY opened_at DESC LIMIT :limit").param("limit", limit);
    if (orgId != null) sql = sql.param("org", orgId);
    return sql.query(IncidentRepository::incident).list();
  }

  /** Cases of other organisations whose TLP lets the hub's community or a sector read them. */
  List<Case> shared(Collection<String> tlps, int limit) {
    return jdbc.sql("SELECT " + CASE + " FROM incident_case WHERE tlp IN (:tlps) ORDER BY opened_at DESC LIMIT :limit")
        .param("tlps", tlps).param("limit", limit).query(IncidentRepository::incident).list();
  }

  void insertMember(UUID caseId, Member m) {
    jdbc.sql("INSERT INTO incident_member (id, case_id, name, email, language) VALUES (:id, :c, :name, :email, :lang)")
        .param("id", m.id()).param("c", caseId).param("name", clip(m.name(), 200)).param("email", m.email())
        .param("lang", m.language()).update();
  }

  List<Member> members(UUID caseId) {
    return jdbc.sql("SELECT id, name, email, language, mailed_at, joined_at FROM incident_member WHERE case_id = :c ORDER BY name")
        .param("c", caseId).query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getString(4), instant(rs, 5), instant(rs, 6))).list();
  }

  Optional<Member> member(UUID caseId, UUID memberId) {
    return members(caseId).stream().filter(m -> m.id().equals(memberId)).findFirst();
  }

  void mailed(UUID memberId, Instant at) {
    jdbc.sql("UPDATE incident_member SET mailed_at = :at WHERE id = :id AND mailed_at IS NULL")
        .param("at", utc(at)).param("id", memberId).update();
  }

  /** Marks the member joined; true the first time only. */
  boolean joined(UUID memberId, Instant at) {
    return jdbc.sql("UPDATE incident_member SET joined_at = :at WHERE id = :id AND joined_at IS NULL")
        .param("at", utc(at)).param("id", memberId).update() > 0;
  }

  void insertTask(UUID caseId, Task t) {
    jdbc.sql("""
        INSERT INTO incident_task (id, case_id, title, owner, due_at, created_at, created_by)
        VALUES (:id, :c, :title, :owner, :due, :at, :by)""")
        .param("id", t.id()).param("c", caseId).param("title", t.title()).param("owner", t.owner())
        .param("due", utc(t.dueAt())).param("at", utc(t.createdAt())).param("by", t.createdBy()).update();
  }

  boolean taskDone(UUID caseId, UUID taskId, Instant at) {
    return jdbc.sql("UPDATE incident_task SET done_at = :at WHERE id = :id AND case_id = :c AND done_at IS NULL")
        .param("at", utc(at)).param("id", taskId).param("c", caseId).update() > 0;
  }

  List<Task> tasks(UUID caseId) {
    return jdbc.sql("SELECT id, title, owner, due_at, done_at, created_at, created_by FROM incident_task WHERE case_id = :c "
        + "ORDER BY due_at, created_at").param("c", caseId)
        .query((rs, n) -> new Task(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
            instant(rs, 6), rs.getString(7))).list();
  }

  void insertEvent(UUID caseId, TimelineEntry e) {
    jdbc.sql("""
        INSERT INTO incident_event (id, case_id, occurred_at, zone_id, category, source, text, recorded_at, recorded_by)
        VALUES (:id, :c, :occurred, :zone, :category, :source, :text, :recorded, :by)""")
        .param("id", e.id()).param("c", caseId).param("occurred", utc(e.occurredAt())).param("zone", e.zone().getId())
        .param("category", e.category().name()).param("source", clip(e.source(), 200)).param("text", clip(e.text(), 4000))
        .param("recorded", utc(e.recordedAt())).param("by", clip(e.recordedBy(), 320)).update();
  }

  List<TimelineEntry> timeline(UUID caseId) {
    return jdbc.sql("SELECT id, occurred_at, zone_id, category, source, text, recorded_at, recorded_by FROM incident_event "
        + "WHERE case_id = :c ORDER BY occurred_at, recorded_at").param("c", caseId)
        .query((rs, n) -> new TimelineEntry(rs.getObject(1, UUID.class), instant(rs, 2), ZoneId.of(rs.getString(3)),
            Category.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs, 7), rs.getString(8))).list();
  }

  /** Appends a decision as the next number of the case; the primary key refuses a second writer of the same number. */
  Decision appendDecision(UUID caseId, String text, Instant at, String by) {
    int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM incident_decision WHERE case_id = :c").param("c", caseId)
        .query(Integer.class).single();
    jdbc.sql("INSERT INTO incident_decision (case_id, seq, text, decided_at, decided_by) VALUES (:c, :seq, :text, :at, :by)")
        .param("c", caseId).param("seq", seq).param("text", text).param("at", utc(at)).param("by", by).update();
    return new Decision(seq, text, at, by);
  }

  List<Decision> decisions(UUID caseId) {
    return jdbc.sql("SELECT seq, text, decided_at, decided_by FROM incident_decision WHERE case_id = :c ORDER BY seq")
        .param("c", caseId).query((rs, n) -> new Decision(rs.getInt(1), rs.getString(2), instant(rs, 3), rs.getString(4))).list();
  }

  void insertEvidence(UUID caseId, UUID id, String name, String type, byte[] content, String sha256, Instant at, String by) {
    jdbc.sql("""
        INSERT INTO incident_evidence (id, case_id, name, content_type, byte_size, sha256, content, added_at, added_by)
        VALUES (:id, :c, :name, :type, :size, :sha, :content, :at, :by)""")
        .param("id", id).param("c", caseId).param("name", clip(name, 200)).param("type", clip(type, 100))
        .param("size", (long) content.length).param("sha", sha256).param("content", content).param("at", utc(at))
        .param("by", by).update();
  }

  void custody(UUID caseId, UUID evidenceId, String action, String actor, String address, Instant at) {
    jdbc.sql("""
        INSERT INTO incident_custody (id, evidence_id, case_id, action, actor, address, happened_at)
        VALUES (:id, :e, :c, :action, :actor, :address, :at)""")
        .param("id", UUID.randomUUID()).param("e", evidenceId).param("c", caseId).param("action", action)
        .param("actor", clip(actor, 320)).param("address", clip(address, 64), Types.VARCHAR).param("at", utc(at)).update();
  }

  List<Evidence> evidence(UUID caseId) {
    var custody = new HashMap<UUID, List<Custody>>();
    jdbc.sql("SELECT evidence_id, action, actor, address, happened_at FROM incident_custody WHERE case_id = :c "
        + "ORDER BY happened_at").param("c", caseId)
        .query(rs -> {
          custody.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
              .add(new Custody(rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5)));
        });
    return jdbc.sql("SELECT id, name, content_type, byte_size, sha256, added_at, added_by FROM incident_evidence "
        + "WHERE case_id = :c ORDER BY added_at").param("c", caseId)
        .query((rs, n) -> {
          UUID id = rs.getObject(1, UUID.class);
          return new Evidence(id, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), instant(rs, 6),
              rs.getString(7), custody.getOrDefault(id, List.of()));
        }).list();
  }

  Optional<byte[]> evidenceContent(UUID caseId, UUID evidenceId) {
    return jdbc.sql("SELECT content FROM incident_evidence WHERE id = :e AND case_id = :c")
        .param("e", evidenceId).param("c", caseId).query((rs, n) -> rs.getBytes(1)).optional();
  }

  /** Adds a link; false when the case already has it. */
  boolean link(UUID caseId, LinkKind kind, String ref, Instant at, String by) {
    int n = jdbc.sql("INSERT INTO incident_link (case_id, kind, ref, added_at, added_by) VALUES (:c, :k, :r, :at, :by) "
        + "ON CONFLICT DO NOTHING").param("c", caseId).param("k", kind.name()).param("r", ref).param("at", utc(at))
        .param("by", by).update();
    return n > 0;
  }

  List<Link> links(UUID caseId) {
    return jdbc.sql("SELECT kind, ref, added_at, added_by FROM incident_link WHERE case_id = :c ORDER BY added_at")
        .param("c", caseId).query((rs, n) -> new Link(LinkKind.valueOf(rs.getString(1)), rs.getString(2), instant(rs, 3),
            rs.getString(4))).list();
  }

  /** Records a report as submitted; false when it already was. */
  boolean submitted(UUID caseId, Report report, Instant at, String by) {
    return jdbc.sql("INSERT INTO incident_report (case_id, report, submitted_at, submitted_by) VALUES (:c, :r, :at, :by) "
        + "ON CONFLICT DO NOTHING").param("c", caseId).param("r", report.name()).param("at", utc(at)).param("by", by)
        .update() > 0;
  }

  List<Submitted> submitted(UUID caseId) {
    return jdbc.sql("SELECT report, submitted_at, submitted_by FROM incident_report WHERE case_id = :c").param("c", caseId)
        .query((rs, n) -> new Submitted(Report.valueOf(rs.getString(1)), instant(rs, 2), rs.getString(3))).list();
  }

  private static Case incident(ResultSet rs, int row) throws SQLException {
    return new Case(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("org_name"),
        rs.getString("org_sector"), rs.getString("title"), Kind.valueOf(rs.getString("kind")), rs.getString("service"),
        rs.getString("service_purl"), rs.getString("description"), Severity.valueOf(rs.getString("severity")),
        Tlp.valueOf(rs.getString("tlp")), IncidentClass.valueOf(rs.getString("rsit_class")), instant(rs, 13),
        ZoneId.of(rs.getString("zone_id")), instant(rs, 15), rs.getString("opened_by"));
  }
}
