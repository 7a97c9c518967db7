package io.haetae.server.checks.internal;

import static io.haetae.server.web.SqlValues.clip;
import static io.haetae.server.web.SqlValues.instant;
import static io.haetae.server.web.SqlValues.utc;

import io.haetae.server.checks.internal.CheckRecords.Answer;
import io.haetae.server.checks.internal.CheckRecords.AnswerRow;
import io.haetae.server.checks.internal.CheckRecords.Check;
import io.haetae.server.checks.internal.CheckRecords.EvidenceMeta;
import io.haetae.server.checks.internal.CheckRecords.Item;
import io.haetae.server.checks.internal.CheckRecords.ItemKind;
import io.haetae.server.checks.internal.CheckRecords.Member;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CheckRepository {

  private static final String CHECK = """
      id, issuer_org, issuer_name, issuer_role, issuer_sectors, created_by, title, description, due_date, scope, created_at""";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  CheckRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  void insert(Check c, List<Addressee> scope) {
    jdbc.sql("INSERT INTO checks_check (" + CHECK + ") VALUES (:id, :org, :name, :role, :sectors, :by, :title, :description, :due, :scope, :at)")
        .param("id", c.id()).param("org", c.issuerOrg()).param("name", clip(c.issuerName(), 200)).param("role", c.issuerRole().name())
        .param("sectors", String.join(",", c.issuerSectors())).param("by", c.createdBy()).param("title", c.title())
        .param("description", c.description()).param("due", c.dueDate()).param("scope", clip(c.scope(), 1000))
        .param("at", utc(c.createdAt())).update();
    for (Item i : c.items()) {
      jdbc.sql("INSERT INTO checks_item (check_id, position, kind, text) VALUES (:c, :p, :k, :t)")
          .param("c", c.id()).param("p", i.position()).param("k", i.kind().name()).param("t", i.text(), Types.VARCHAR).update();
    }
    template.batchUpdate("INSERT INTO checks_scope (check_id, org_id, org_name, sector, language) VALUES (?, ?, ?, ?, ?)",
        scope, 1000, (ps, a) -> {
          ps.setObject(1, c.id());
          ps.setObject(2, a.orgId());
          ps.setString(3, clip(a.orgName(), 200));
          ps.setString(4, a.sector() == null ? "" : a.sector());
          ps.setString(5, a.language() == null ? "ko" : a.language());
        });
  }

  Optional<Check> find(UUID id) {
    return jdbc.sql("SELECT " + CHECK + " FROM checks_check WHERE id = :id").param("id", id)
        .query((rs, n) -> check(rs, items(id))).optional();
  }

  /** Checks issued by an organisation, or every check (issuer null), newest first; without their items (lists show none). */
  List<Check> issuedBy(UUID issuer, int limit) {
    var sql = jdbc.sql("SELECT " + CHECK + " FROM checks_check" + (issuer == null ? "" : " WHERE issuer_org = :org")
        + " ORDER BY created_at DESC LIMIT :limit").param("limit", limit);
    if (issuer != null) sql = sql.param("org", issuer);
    return sql.query((rs, n) -> check(rs, List.of())).list();
  }

  /** Checks in whose scope the organisation is, newest first; without their items. */
  List<Check> addressedTo(UUID orgId, int limit) {
    return jdbc.sql("SELECT c." + CHECK.replace(", ", ", c.") + " FROM checks_check c JOIN checks_scope s ON s.check_id = c.id "
        + "WHERE s.org_id = :org ORDER BY c.created_at DESC LIMIT :limit")
        .param("org", orgId).param("limit", limit)
        .query((rs, n) -> check(rs, List.of())).list();
  }

  List<Member> members(UUID checkId) {
    return jdbc.sql("SELECT org_id, org_name, sector, language, submitted_at, submitted_by, updated_at FROM checks_scope "
        + "WHERE check_id = :c ORDER BY org_name").param("c", checkId).query(CheckRepository::member).list();
  }

  Optional<Member> member(UUID checkId, UUID orgId) {
    return jdbc.sql("SELECT org_id, org_name, sector, language, submitted_at, submitted_by, updated_at FROM checks_scope "
        + "WHERE check_id = :c AND org_id = :o").param("c", checkId).param("o", orgId).query(CheckRepository::member).optional();
  }

  /** Response counts of many checks at once, for lists: [in scope, submitted]. */
  Map<UUID, int[]> counts(List<UUID> checkIds) {
    var out = new HashMap<UUID, int[]>();
    if (checkIds.isEmpty()) return out;
    jdbc.sql("SELECT check_id, COUNT(*) AS n, SUM(CASE WHEN submitted_at IS NULL THEN 0 ELSE 1 END) AS s FROM checks_scope "
        + "WHERE check_id IN (:ids) GROUP BY check_id").param("ids", checkIds)
        .query(rs -> { out.put(rs.getObject("check_id", UUID.class), new int[] {rs.getInt("n"), rs.getInt("s")}); });
    return out;
  }

  List<AnswerRow> answers(UUID checkId, UUID orgId) {
    return jdbc.sql("SELECT org_id, position, answer, comment, answered_at, answered_by FROM checks_answer WHERE check_id = :c"
        + (orgId == null ? "" : " AND org_id = :o")).param("c", checkId).params(orgId == null ? Map.of() : Map.of("o", orgId))
        .query((rs, n) -> new AnswerRow(rs.getObject(1, UUID.class), rs.getInt(2), Answer.valueOf(rs.getString(3)), rs.getString(4),
            instant(rs, 5), rs.getString(6))).list();
  }

  List<EvidenceMeta> evidence(UUID checkId, UUID orgId) {
    return jdbc.sql("SELECT org_id, position, name, content_type, sha256, LENGTH(content), uploaded_at, uploaded_by "
        + "FROM checks_evidence WHERE check_id = :c" + (orgId == null ? "" : " AND org_id = :o"))
        .param("c", checkId).params(orgId == null ? Map.of() : Map.of("o", orgId))
        .query((rs, n) -> new EvidenceMeta(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getLong(6), instant(rs, 7), rs.getString(8))).list();
  }

  Optional<byte[]> evidenceContent(UUID checkId, UUID orgId, int position) {
    return jdbc.sql("SELECT content FROM checks_evidence WHERE check_id = :c AND org_id = :o AND position = :p")
        .param("c", checkId).param("o", orgId).param("p", position).query((rs, n) -> rs.getBytes(1)).optional();
  }

  void saveAnswer(UUID checkId, UUID orgId, int position, Answer answer, String comment, Instant at, String by) {
    jdbc.sql("DELETE FROM checks_answer WHERE check_id = :c AND org_id = :o AND position = :p")
        .param("c", checkId).param("o", orgId).param("p", position).update();
    jdbc.sql("""
        INSERT INTO checks_answer (check_id, org_id, position, answer, comment, answered_at, answered_by)
        VALUES (:c, :o, :p, :a, :comment, :at, :by)""")
        .param("c", checkId).param("o", orgId).param("p", position).param("a", answer.name())
        .param("comment", comment, Types.VARCHAR).param("at", utc(at)).param("by", by).update();
  }

  void saveEvidence(UUID checkId, UUID orgId, int position, String name, String type, String sha256, byte[] content,
      Instant at, String by) {
    jdbc.sql("DELETE FROM checks_evidence WHERE check_id = :c AND org_id = :o AND position = :p")
        .param("c", checkId).param("o", orgId).param("p", position).update();
    jdbc.sql("""
        INSERT INTO checks_evidence (check_id, org_id, position, name, content_type, sha256, content, uploaded_at, uploaded_by)
        VALUES (:c, :o, :p, :name, :type, :sha, :content, :at, :by)""")
        .param("c", checkId).param("o", orgId).param("p", position).param("name", clip(name, 200)).param("type", clip(type, 100))
        .param("sha", sha256).param("content", content).param("at", utc(at)).param("by", by).update();
  }

  void touch(UUID checkId, UUID orgId, Instant at, boolean submit, String by) {
    jdbc.sql("UPDATE checks_scope SET updated_at = :at" + (submit ? ", submitted_at = :at, submitted_by = :by" : "")
        + " WHERE check_id = :c AND org_id = :o")
        .param("at", utc(at)).params(submit ? Map.of("by", by) : Map.of()).param("c", checkId).param("o", orgId).update();
  }

  /** Checks still open on {@code from} or later (due date not passed), for reminders. */
  List<Check> dueFrom(LocalDate from) {
    return jdbc.sql("SELECT " + CHECK + " FROM checks_check WHERE due_date >= :d").param("d", from)
        .query((rs, n) -> check(rs, List.of())).list();
  }

  /** Claims a reminder for each organisation not yet submitted; answers the ones claimed now. */
  List<UUID> claimReminders(UUID checkId, String offset, Instant now) {
    List<UUID> pending = jdbc.sql("""
        SELECT s.org_id FROM checks_scope s WHERE s.check_id = :c AND s.submitted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM checks_reminder r WHERE r.check_id = s.check_id AND r.org_id = s.org_id
          AND r.offset_before = :off)""")
        .param("c", checkId).param("off", offset).query(UUID.class).list();
    var claimed = new java.util.ArrayList<UUID>();
    for (UUID org : pending) {
      int n = jdbc.sql("INSERT INTO checks_reminder (check_id, org_id, offset_before, sent_at) VALUES (:c, :o, :off, :at) "
          + "ON CONFLICT DO NOTHING").param("c", checkId).param("o", org).param("off", offset).param("at", utc(now)).update();
      if (n > 0) claimed.add(org);
    }
    return claimed;
  }

  int reminders(UUID checkId, UUID orgId) {
    return jdbc.sql("SELECT COUNT(*) FROM checks_reminder WHERE check_id = :c AND org_id = :o")
        .param("c", checkId).param("o", orgId).query(Integer.class).single();
  }

  private List<Item> items(UUID checkId) {
    return jdbc.sql("SELECT position, kind, text FROM checks_item WHERE check_id = :c ORDER BY position").param("c", checkId)
        .query((rs, n) -> new Item(rs.getInt(1), ItemKind.valueOf(rs.getString(2)), rs.getString(3))).list();
  }

  private static Check check(ResultSet rs, List<Item> items) throws SQLException {
    String sectors = rs.getString("issuer_sectors");
    Set<String> issuerSectors = sectors.isBlank() ? Set.of()
        : Arrays.stream(sectors.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    return new Check(rs.getObject("id", UUID.class), rs.getObject("issuer_org", UUID.class), rs.getString("issuer_name"),
        Role.valueOf(rs.getString("issuer_role")), issuerSectors, rs.getString("created_by"), rs.getString("title"),
        rs.getString("description"), rs.getObject("due_date", LocalDate.class), rs.getString("scope"), instant(rs, 11), items);
  }

  private static Member member(ResultSet rs, int row) throws SQLException {
    return new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
        rs.getString(6), instant(rs, 7));
  }
}
