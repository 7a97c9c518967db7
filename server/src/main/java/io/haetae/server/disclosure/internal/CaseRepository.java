package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.CaseFile;
import io.haetae.server.disclosure.EmbargoState;
import io.haetae.server.disclosure.Participant;
import io.haetae.server.disclosure.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code disclosure_case}, {@code disclosure_participant} and {@code disclosure_event}. */
@Repository
public class CaseRepository {

  private static final String CASE = "report_id, cluster_id, duplicate_of, similarity, cluster_reason, embargo_state, embargo_ends_at, fabricated";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  CaseRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Writes the case rows: new ones whole, known ones' cluster places only (embargo and fabrication flag kept). */
  public void saveClusters(Collection<CaseFile> cases) {
    var known = find(cases.stream().map(CaseFile::reportId).toList()).keySet();
    var fresh = cases.stream().filter(c -> !known.contains(c.reportId())).toList();
    var old = cases.stream().filter(c -> known.contains(c.reportId())).toList();
    template.batchUpdate("INSERT INTO disclosure_case (" + CASE + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fresh, 500, (ps, c) -> {
      ps.setObject(1, c.reportId());
      ps.setObject(2, c.clusterId());
      ps.setObject(3, c.duplicateOf());
      ps.setDouble(4, c.similarity());
      ps.setString(5, c.clusterReason());
      ps.setString(6, c.embargo().name());
      ps.setObject(7, c.embargoEndsAt() == null ? null : OffsetDateTime.ofInstant(c.embargoEndsAt(), ZoneOffset.UTC));
      ps.setString(8, c.fabricated());
    });
    template.batchUpdate("UPDATE disclosure_case SET cluster_id = ?, duplicate_of = ?, similarity = ?, cluster_reason = ? "
        + "WHERE report_id = ?", old, 500, (ps, c) -> {
          ps.setObject(1, c.clusterId());
          ps.setObject(2, c.duplicateOf());
          ps.setDouble(3, c.similarity());
          ps.setString(4, c.clusterReason());
          ps.setObject(5, c.reportId());
        });
  }

  /** The case rows of these reports; a report without one is absent (see {@link CaseFile#alone}). */
  public Map<UUID, CaseFile> find(Collection<UUID> reportIds) {
    var out = new HashMap<UUID, CaseFile>();
    var ids = List.copyOf(reportIds);
    for (int from = 0; from < ids.size(); from += 500) {
      jdbc.sql("SELECT " + CASE + " FROM disclosure_case WHERE report_id IN (:ids)")
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
          .query(CaseRepository::caseFile).list().forEach(c -> out.put(c.reportId(), c));
    }
    return out;
  }

  public CaseFile find(UUID reportId) {
    return find(List.of(reportId)).getOrDefault(reportId, CaseFile.alone(reportId));
  }

  /** The reports of a cluster (its id is its oldest report's). */
  public List<UUID> cluster(UUID clusterId) {
    return jdbc.sql("SELECT report_id FROM disclosure_case WHERE cluster_id = :c").param("c", clusterId).query(UUID.class).list();
  }

  public void embargo(UUID reportId, EmbargoState state, Instant endsAt) {
    int n = jdbc.sql("UPDATE disclosure_case SET embargo_state = :s, embargo_ends_at = :e WHERE report_id = :r")
        .param("s", state.name()).param("e", endsAt == null ? null : OffsetDateTime.ofInstant(endsAt, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
        .param("r", reportId).update();
    if (n == 0) {
      var alone = CaseFile.alone(reportId);
      saveClusters(List.of(new CaseFile(reportId, alone.clusterId(), null, 0, alone.clusterReason(), state, endsAt, null)));
    }
  }

  public void invite(UUID reportId, UUID orgId, Participant.Kind kind, String by, Instant at) {
    jdbc.sql("DELETE FROM disclosure_participant WHERE report_id = :r AND org_id = :o").param("r", reportId).param("o", orgId).update();
    jdbc.sql("INSERT INTO disclosure_participant (report_id, org_id, role, invited_by, invited_at) VALUES (:r, :o, :k, :b, :at)")
        .param("r", reportId).param("o", orgId).param("k", kind.name()).param("b", by)
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
  }

  /** Each report's invited organisations and their kind. */
  public Map<UUID, Map<UUID, Participant.Kind>> participants(Collection<UUID> reportIds) {
    var out = new HashMap<UUID, Map<UUID, Participant.Kind>>();
    var ids = List.copyOf(reportIds);
    for (int from = 0; from < ids.size(); from += 500) {
      jdbc.sql("SELECT report_id, org_id, role FROM disclosure_participant WHERE report_id IN (:ids)")
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
          .query((rs, n) -> {
            out.computeIfAbsent(rs.getObject("report_id", UUID.class), k -> new HashMap<>())
                .put(rs.getObject("org_id", UUID.class), Participant.Kind.valueOf(rs.getString("role")));
            return null;
          }).list();
    }
    return out;
  }

  /** The invitations of one report, oldest first, without organisation names (the caller adds them). */
  public List<Participant> participants(UUID reportId) {
    return jdbc.sql("SELECT org_id, role, invited_by, invited_at FROM disclosure_participant WHERE report_id = :r ORDER BY invited_at")
        .param("r", reportId).query((rs, n) -> new Participant(rs.getObject("org_id", UUID.class), null,
            Participant.Kind.valueOf(rs.getString("role")), rs.getString("invited_by"),
            rs.getObject("invited_at", OffsetDateTime.class).toInstant())).list();
  }

  /** The reports an organisation was invited to (vendor or coordinator). */
  public Set<UUID> invitedTo(UUID orgId) {
    return Set.copyOf(jdbc.sql("SELECT report_id FROM disclosure_participant WHERE org_id = :o").param("o", orgId)
        .query(UUID.class).list());
  }

  public void append(UUID reportId, Instant at, String actor, UUID actorOrg, String kind, String from, String to, String text,
      String detail) {
    jdbc.sql("""
        INSERT INTO disclosure_event (report_id, at, actor, actor_org, kind, from_state, to_state, text, details)
        VALUES (:r, :at, :actor, :org, :kind, :from, :to, :text, :detail)""")
        .param("r", reportId).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("actor", actor)
        .param("org", actorOrg).param("kind", kind).param("from", from, Types.VARCHAR).param("to", to, Types.VARCHAR)
        .param("text", text, Types.VARCHAR).param("detail", detail, Types.VARCHAR).update();
  }

  /** A SUBMITTED entry per report of a batch, in one statement. */
  public void appendSubmitted(List<io.haetae.server.disclosure.Report> reports) {
    template.batchUpdate("INSERT INTO disclosure_event (report_id, at, actor, actor_org, kind, to_state) VALUES (?, ?, ?, ?, 'SUBMITTED', ?)",
        reports, 500, (ps, r) -> {
          ps.setObject(1, r.id());
          ps.setObject(2, OffsetDateTime.ofInstant(r.submittedAt(), ZoneOffset.UTC));
          ps.setString(3, r.submitter());
          ps.setObject(4, r.marking().origin());
          ps.setString(5, r.state().name());
        });
  }

  public List<TimelineEntry> timeline(UUID reportId) {
    return jdbc.sql("SELECT id, at, actor, actor_org, kind, from_state, to_state, text, details FROM disclosure_event "
            + "WHERE report_id = :r ORDER BY at, id")
        .param("r", reportId).query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"), rs.getObject("actor_org", UUID.class), rs.getString("kind"), rs.getString("from_state"),
            rs.getString("to_state"), rs.getString("text"), rs.getString("details"))).list();
  }

  /** The reports whose embargo is ACTIVE and ended at or before {@code now}. */
  public List<UUID> embargoesEndedBy(Instant now) {
    return jdbc.sql("SELECT report_id FROM disclosure_case WHERE embargo_state = 'ACTIVE' AND embargo_ends_at <= :now ORDER BY embargo_ends_at")
        .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(UUID.class).list();
  }

  /** Moves an ACTIVE embargo ended by {@code now} to EXITED; false when it is no longer so (moved meanwhile, or by another node). */
  public boolean exitEnded(UUID reportId, Instant now) {
    return jdbc.sql("UPDATE disclosure_case SET embargo_state = 'EXITED' WHERE report_id = :r AND embargo_state = 'ACTIVE' "
            + "AND embargo_ends_at <= :now")
        .param("r", reportId).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update() == 1;
  }

  /**
   * Locks an invitation's row until the transaction ends, so two deliveries of a mail about it
   * (a redelivery racing the first, a second invitation) take turns; false when there is none.
   */
  public boolean lockParticipant(UUID reportId, UUID orgId) {
    return !jdbc.sql("SELECT org_id FROM disclosure_participant WHERE report_id = :r AND org_id = :o FOR UPDATE")
        .param("r", reportId).param("o", orgId).query(UUID.class).list().isEmpty();
  }

  /** Whether the mail of this kind about this case already went to this organisation. */
  public boolean mailed(UUID reportId, UUID orgId, String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM disclosure_mail WHERE report_id = :r AND org_id = :o AND kind = :k")
        .param("r", reportId).param("o", orgId).param("k", kind).query(Long.class).single() > 0;
  }

  public void markMailed(UUID reportId, UUID orgId, String kind, Instant at) {
    jdbc.sql("INSERT INTO disclosure_mail (report_id, org_id, kind, sent_at) VALUES (:r, :o, :k, :at)")
        .param("r", reportId).param("o", orgId).param("k", kind).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
  }

  private static CaseFile caseFile(ResultSet rs, int row) throws SQLException {
    var ends = rs.getObject("embargo_ends_at", OffsetDateTime.class);
    return new CaseFile(rs.getObject("report_id", UUID.class), rs.getObject("cluster_id", UUID.class),
        rs.getObject("duplicate_of", UUID.class), rs.getDouble("similarity"), rs.getString("cluster_reason"),
        EmbargoState.valueOf(rs.getString("embargo_state")), ends == null ? null : ends.toInstant(), rs.getString("fabricated"));
  }

}
