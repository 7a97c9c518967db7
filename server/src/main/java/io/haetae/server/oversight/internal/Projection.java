package io.haetae.server.oversight.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.identity.Organisation;
import io.haetae.server.inventory.Project;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the oversight read model (db/migration/oversight). Row writes are keyed (a finding,
 * an alert, a project); the aggregates of an organisation are recomputed from its rows by
 * {@link #refresh}, and its sector's aggregates move by the difference between the
 * organisation's old and new figures, under row locks on both: a redelivered event finds
 * nothing changed and moves nothing.
 */
@Repository
class Projection {

  static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
  static final String OPEN = io.haetae.server.findings.FindingState.OPEN_SQL;
  static final Duration STALE = io.haetae.server.oversight.Readiness.STALE;
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final TransactionLocks locks = new TransactionLocks();

  Projection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What the projection keeps of a finding, with what knowledge said of its advisory. */
  record FindingFacts(Finding finding, boolean kev, Instant published) {}

  /** Stores a finding, or brings a stored one up to the finding's state if that is newer. */
  void upsert(FindingFacts facts) {
    Finding f = facts.finding();
    int inserted = jdbc.sql("""
        INSERT INTO oversight_finding (finding_id, org_id, project_id, advisory_id, aliases, component, installed_version,
          fixed_version, severity, kev, state, state_at, opened_at, due_date, published_at, fixed_at)
        VALUES (:id, :org, :project, :advisory, :aliases, :component, :installed, :fixed, :severity, :kev, :state,
          :stateAt, :opened, :due, :published, :fixedAt)
        ON CONFLICT DO NOTHING""")
        .param("id", f.id()).param("org", f.orgId()).param("project", f.projectId()).param("advisory", f.advisoryId())
        .param("aliases", clip(String.join(" ", f.aliases()), 2000)).param("component", clip(component(f), 1024))
        .param("installed", clip(f.componentVersion(), 255)).param("fixed", clip(f.fixedVersion(), 255))
        .param("severity", f.severity().name()).param("kev", facts.kev()).param("state", f.state().name())
        .param("stateAt", ts(f.stateChangedAt())).param("opened", ts(f.createdAt())).param("due", f.dueDate())
        .param("published", ts(facts.published())).param("fixedAt", ts(f.fixedAt())).update();
    if (inserted == 0) {
      jdbc.sql("""
          UPDATE oversight_finding SET state = :state, state_at = :stateAt, due_date = :due, fixed_at = :fixedAt,
            severity = :severity, kev = :kev
          WHERE finding_id = :id AND state_at <= :stateAt""")
          .param("id", f.id()).param("state", f.state().name()).param("stateAt", ts(f.stateChangedAt()))
          .param("due", f.dueDate()).param("fixedAt", ts(f.fixedAt())).param("severity", f.severity().name())
          .param("kev", facts.kev()).update();
    }
  }

  boolean hasFinding(UUID findingId) {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_finding WHERE finding_id = :id").param("id", findingId)
        .query(Long.class).single() > 0;
  }

  /** A state change, applied only if no later one is stored already (events may arrive out of order). */
  void moved(UUID findingId, String to, Instant at) {
    jdbc.sql("""
        UPDATE oversight_finding SET state = :to, state_at = :at, fixed_at = :fixedAt
        WHERE finding_id = :id AND state_at <= :at""")
        .param("id", findingId).param("to", to).param("at", ts(at))
        .param("fixedAt", "FIXED".equals(to) ? ts(at) : null).update();
  }

  /** The findings an alert told the organisation of: the first notification counts. */
  void notified(UUID alertId, UUID orgId, Instant sentAt, List<UUID> findingIds) {
    // The first sending is the notification; a later one (a retry, a redelivery) changes nothing.
    int updated = jdbc.sql("UPDATE oversight_alert SET sent_at = :sent, findings = :n WHERE alert_id = :a AND (sent_at IS NULL OR sent_at > :sent)")
        .param("a", alertId).param("sent", ts(sentAt)).param("n", findingIds.size()).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO oversight_alert (alert_id, org_id, sent_at, findings) VALUES (:a, :o, :sent, :n)
          ON CONFLICT DO NOTHING""")
          .param("a", alertId).param("o", orgId).param("sent", ts(sentAt)).param("n", findingIds.size()).update();
    }
    for (int from = 0; from < findingIds.size(); from += CHUNK) {
      jdbc.sql("""
          UPDATE oversight_finding SET notified_at = :sent, alert_id = :a
          WHERE finding_id IN (:ids) AND (notified_at IS NULL OR notified_at > :sent)""")
          .param("a", alertId).param("sent", ts(sentAt))
          .param("ids", findingIds.subList(from, Math.min(findingIds.size(), from + CHUNK))).update();
    }
  }

  /** An acknowledgement; it may overtake the alert's own event, so the row is made if missing. */
  void acknowledged(UUID alertId, UUID orgId, Instant at, String actor) {
    jdbc.sql("INSERT INTO oversight_alert (alert_id, org_id, findings) VALUES (:a, :o, 0) ON CONFLICT DO NOTHING")
        .param("a", alertId).param("o", orgId).update();
    jdbc.sql("""
        UPDATE oversight_alert SET acknowledged_at = :at, acknowledged_by = :actor
        WHERE alert_id = :a AND (acknowledged_at IS NULL OR acknowledged_at > :at)""")
        .param("a", alertId).param("at", ts(at)).param("actor", clip(actor, 320)).update();
  }

  void escalated(UUID alertId, UUID orgId, Instant at, String to) {
    jdbc.sql("INSERT INTO oversight_alert (alert_id, org_id, findings) VALUES (:a, :o, 0) ON CONFLICT DO NOTHING")
        .param("a", alertId).param("o", orgId).update();
    jdbc.sql("UPDATE oversight_alert SET escalated_at = :at, escalated_to = :to WHERE alert_id = :a AND escalated_at IS NULL")
        .param("a", alertId).param("at", ts(at)).param("to", clip(to, 320)).update();
  }

  void project(Project p, int components) {
    int updated = jdbc.sql("""
        UPDATE oversight_project SET name = :name, version = :version, components = :c, last_sbom_at = :at
        WHERE project_id = :id""")
        .param("id", p.id()).param("name", clip(p.name(), 255)).param("version", clip(p.version(), 255))
        .param("c", components).param("at", ts(p.lastBomAt())).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO oversight_project (project_id, org_id, name, version, components, last_sbom_at)
          VALUES (:id, :org, :name, :version, :c, :at) ON CONFLICT DO NOTHING""")
          .param("id", p.id()).param("org", p.orgId()).param("name", clip(p.name(), 255))
          .param("version", clip(p.version(), 255)).param("c", components).param("at", ts(p.lastBomAt())).update();
    }
  }

  void projectDeleted(UUID projectId) {
    jdbc.sql("DELETE FROM oversight_finding WHERE project_id = :p").param("p", projectId).update();
    jdbc.sql("DELETE FROM oversight_project WHERE project_id = :p").param("p", projectId).update();
  }

  boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_finding").query(Long.class).single() == 0;
  }

  Set<UUID> knownOrganisations() {
    return Set.copyOf(jdbc.sql("SELECT org_id FROM oversight_org").query(UUID.class).list());
  }

  /** Organisations with an open finding that fell due in [since, today): they became overdue since. */
  List<UUID> newlyOverdue(LocalDate since, LocalDate today) {
    return jdbc.sql("SELECT DISTINCT org_id FROM oversight_finding WHERE due_date >= :since AND due_date < :today AND state IN "
        + OPEN).param("since", since).param("today", today).query(UUID.class).list();
  }

  /**
   * Empties what a rebuild recomputes: findings, projects and every aggregate. Alert rows stay:
   * they come only from the alert module's events.
   */
  void clearAggregates() {
    for (String t : List.of("oversight_finding", "oversight_project", "oversight_org",
        "oversight_sector", "oversight_org_day", "oversight_sector_day", "oversight_org_duration",
        "oversight_sector_duration", "oversight_org_sla", "oversight_sector_sla")) {
      jdbc.sql("DELETE FROM " + t).update();
    }
  }

  // ---- aggregates of one organisation ------------------------------------------------------

  /**
   * Takes the organisation's row lock (making the row if missing) for the rest of the
   * transaction: two events of one organisation (an alert overtaking its findings, a redelivery
   * beside the original) then write its rows one after the other instead of deadlocking.
   */
  String lock(Organisation org) {
    locks.lockUntilCompletion(org.id());
    Instant now = Instant.now();
    jdbc.sql("""
        INSERT INTO oversight_org (org_id, name, sector, ciso_email, open_critical, open_high, open_medium, open_low,
          open_info, open_unassigned, kev_open, overdue, alerts_unacked, projects, stale_projects, refreshed_at)
        VALUES (:id, :name, :sector, :ciso, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, :now) ON CONFLICT DO NOTHING""")
        .param("id", org.id()).param("name", clip(org.name(), 200)).param("sector", org.sector() == null ? "" : org.sector())
        .param("ciso", org.cisoEmail()).param("now", ts(now)).update();
    return jdbc.sql("SELECT sector FROM oversight_org WHERE org_id = :id FOR UPDATE").param("id", org.id())
        .query(String.class).single();
  }

  /**
   * Recomputes the organisation's figures from its rows and moves its sector's figures by the
   * difference. {@code today} is the day overdue is judged on (the findings module's today).
   *
   * <p>The organisation's own rows are read and written under its row lock alone; the sector rows
   * are locked only for the few statements that move them, at the end. Every organisation of a
   * sector refreshes through that one row: taken first, it made the refreshes of a whole sector
   * (each reading thousands of finding rows) run one after the other: with 1,000 stored SBOMs on
   * H2, most of the listener pool's samples after a new advisory were spent waiting for it while
   * alert mails queued behind (BENCHMARKS.md, "Spine"). The sector's day row still sums what is committed once the lock is
   * held, so the last refresh of a sector to commit writes the sum of every organisation's figures.
   */
  void refresh(Organisation org, LocalDate today) {
    UUID id = org.id();
    String sector = org.sector() == null ? "" : org.sector();
    Instant now = Instant.now();
    String oldSector = lock(org);

    var counts = new HashMap<String, long[]>();
    jdbc.sql("""
        SELECT severity, COUNT(*) AS n, SUM(CASE WHEN kev THEN 1 ELSE 0 END) AS kev,
          SUM(CASE WHEN due_date < :today THEN 1 ELSE 0 END) AS overdue
        FROM oversight_finding WHERE org_id = :id AND state IN\s""" + OPEN + " GROUP BY severity")
        .param("id", id).param("today", today)
        .query(rs -> { counts.put(rs.getString("severity"), new long[] {rs.getLong("n"), rs.getLong("kev"), rs.getLong("overdue")}); });
    long kev = counts.values().stream().mapToLong(c -> c[1]).sum();
    long overdue = counts.values().stream().mapToLong(c -> c[2]).sum();
    long unacked = jdbc.sql("SELECT COUNT(*) FROM oversight_alert WHERE org_id = :id AND sent_at IS NOT NULL AND acknowledged_at IS NULL")
        .param("id", id).query(Long.class).single();
    var projects = jdbc.sql("""
        SELECT COUNT(*) AS n, SUM(CASE WHEN last_sbom_at IS NULL OR last_sbom_at < :stale THEN 1 ELSE 0 END) AS stale,
          MAX(last_sbom_at) AS last
        FROM oversight_project WHERE org_id = :id""")
        .param("id", id).param("stale", ts(now.minus(STALE)))
        .query((rs, n) -> new Object[] {rs.getInt("n"), rs.getInt("stale"), rs.getObject("last", OffsetDateTime.class)})
        .single();
    jdbc.sql("""
        UPDATE oversight_org SET name = :name, sector = :sector, ciso_email = :ciso, open_critical = :c, open_high = :h,
          open_medium = :m, open_low = :l, open_info = :i, open_unassigned = :u, kev_open = :kev, overdue = :overdue,
          alerts_unacked = :unacked, projects = :projects, stale_projects = :stale, last_sbom_at = :last, refreshed_at = :now
        WHERE org_id = :id""")
        .param("id", id).param("name", clip(org.name(), 200)).param("sector", sector).param("ciso", org.cisoEmail())
        .param("c", n(counts, "CRITICAL")).param("h", n(counts, "HIGH")).param("m", n(counts, "MEDIUM"))
        .param("l", n(counts, "LOW")).param("i", n(counts, "INFO")).param("u", n(counts, "UNASSIGNED"))
        .param("kev", kev).param("overdue", overdue).param("unacked", unacked).param("projects", projects[0])
        .param("stale", projects[1]).param("last", projects[2]).param("now", ts(now)).update();

    LocalDate day = LocalDate.now(ZONE);
    jdbc.sql("DELETE FROM oversight_org_day WHERE org_id = :id AND on_day = :day").param("id", id).param("day", day).update();
    jdbc.sql("""
        INSERT INTO oversight_org_day (org_id, on_day, open_critical, open_high, kev_open, overdue)
        SELECT org_id, :day, open_critical, open_high, kev_open, overdue FROM oversight_org WHERE org_id = :id""")
        .param("id", id).param("day", day).update();
    var durations = refreshDurations(id, oldSector, sector);
    var sla = refreshSla(id, oldSector, sector);

    lockSectors(oldSector, sector);
    snapshotSector(oldSector, day);
    if (!oldSector.equals(sector)) snapshotSector(sector, day);
    moveSectorDurations(durations);
    moveSectorSla(sla);
  }

  private void lockSectors(String a, String b) {
    // Always in name order, so two refreshes moving organisations between sectors cannot deadlock.
    for (String s : a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a)) {
      locks.lockUntilCompletion("sector " + s);
      jdbc.sql("INSERT INTO oversight_sector (sector) VALUES (:s) ON CONFLICT DO NOTHING").param("s", s).update();
      jdbc.sql("SELECT sector FROM oversight_sector WHERE sector = :s FOR UPDATE").param("s", s).query(String.class).list();
    }
  }

  /** Today's row of the sector's trend: the sum of its organisations' figures now. */
  void snapshotSector(String sector, LocalDate day) {
    jdbc.sql("DELETE FROM oversight_sector_day WHERE sector = :s AND on_day = :day").param("s", sector).param("day", day).update();
    jdbc.sql("""
        INSERT INTO oversight_sector_day (sector, on_day, open_critical, open_high, kev_open, overdue)
        SELECT :s, :day, COALESCE(SUM(open_critical), 0), COALESCE(SUM(open_high), 0), COALESCE(SUM(kev_open), 0),
          COALESCE(SUM(overdue), 0)
        FROM oversight_org WHERE sector = :s""").param("s", sector).param("day", day).update();
  }

  List<String> sectors() {
    return jdbc.sql("SELECT DISTINCT sector FROM oversight_org").query(String.class).list();
  }

  private record DurationKey(String measure, LocalDate day, int bucket) {}

  /**
   * Durations of the organisation, bucketed per day they ended (docs/oversight.md); returns how
   * its sectors' buckets move (empty when nothing changed).
   */
  private Map<Map.Entry<String, DurationKey>, Long> refreshDurations(UUID id, String oldSector, String sector) {
    Map<DurationKey, Long> before = new HashMap<>();
    jdbc.sql("SELECT measure, on_day, bucket, n FROM oversight_org_duration WHERE org_id = :id").param("id", id)
        .query(rs -> { before.put(new DurationKey(rs.getString("measure"), rs.getObject("on_day", LocalDate.class),
            rs.getInt("bucket")), rs.getLong("n")); });
    Map<DurationKey, Long> after = new HashMap<>();
    jdbc.sql("""
        SELECT published_at, notified_at, opened_at, fixed_at, state FROM oversight_finding
        WHERE org_id = :id AND (notified_at IS NOT NULL OR fixed_at IS NOT NULL)""").param("id", id).query(rs -> {
          Instant published = instant(rs.getObject("published_at", OffsetDateTime.class));
          Instant notified = instant(rs.getObject("notified_at", OffsetDateTime.class));
          Instant opened = instant(rs.getObject("opened_at", OffsetDateTime.class));
          Instant fixed = instant(rs.getObject("fixed_at", OffsetDateTime.class));
          if (published != null && notified != null) count(after, "NOTIFY", published, notified);
          if (fixed != null && "FIXED".equals(rs.getString("state"))) count(after, "FIX", notified != null ? notified : opened, fixed);
        });
    jdbc.sql("SELECT sent_at, acknowledged_at FROM oversight_alert WHERE org_id = :id AND sent_at IS NOT NULL AND acknowledged_at IS NOT NULL")
        .param("id", id).query(rs -> {
          count(after, "ACK", instant(rs.getObject("sent_at", OffsetDateTime.class)),
              instant(rs.getObject("acknowledged_at", OffsetDateTime.class)));
        });
    var delta = new HashMap<Map.Entry<String, DurationKey>, Long>();
    if (before.equals(after) && oldSector.equals(sector)) return delta;
    jdbc.sql("DELETE FROM oversight_org_duration WHERE org_id = :id").param("id", id).update();
    after.forEach((k, n) -> jdbc.sql("""
        INSERT INTO oversight_org_duration (org_id, measure, on_day, bucket, n) VALUES (:id, :m, :day, :b, :n)""")
        .param("id", id).param("m", k.measure()).param("day", k.day()).param("b", k.bucket()).param("n", n).update());
    before.forEach((k, n) -> delta.merge(Map.entry(oldSector, k), -n, Long::sum));
    after.forEach((k, n) -> delta.merge(Map.entry(sector, k), n, Long::sum));
    return delta;
  }

  /** Moves the sectors' duration buckets; the sector rows are locked. */
  private void moveSectorDurations(Map<Map.Entry<String, DurationKey>, Long> delta) {
    delta.forEach((sk, d) -> {
      if (d == 0) return;
      var k = sk.getValue();
      int updated = jdbc.sql("""
          UPDATE oversight_sector_duration SET n = n + :d WHERE sector = :s AND measure = :m AND on_day = :day AND bucket = :b""")
          .param("d", d).param("s", sk.getKey()).param("m", k.measure()).param("day", k.day()).param("b", k.bucket()).update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO oversight_sector_duration (sector, measure, on_day, bucket, n) VALUES (:s, :m, :day, :b, :d)")
            .param("d", d).param("s", sk.getKey()).param("m", k.measure()).param("day", k.day()).param("b", k.bucket()).update();
      }
    });
  }

  private static void count(Map<DurationKey, Long> into, String measure, Instant from, Instant to) {
    if (from == null || to == null) return;
    into.merge(new DurationKey(measure, LocalDate.ofInstant(to, ZONE), Durations.bucketOf(Duration.between(from, to))),
        1L, Long::sum);
  }

  /**
   * Per due date: findings due that day and those FIXED by the end of it. Findings closed as not
   * affected or false positive were never exposures and are left out; risk accepted counts as not met.
   */
  private Map<Map.Entry<String, LocalDate>, long[]> refreshSla(UUID id, String oldSector, String sector) {
    Map<LocalDate, long[]> before = new HashMap<>();
    jdbc.sql("SELECT on_day, due, met FROM oversight_org_sla WHERE org_id = :id").param("id", id)
        .query(rs -> { before.put(rs.getObject("on_day", LocalDate.class), new long[] {rs.getLong("due"), rs.getLong("met")}); });
    Map<LocalDate, long[]> after = new HashMap<>();
    jdbc.sql("""
        SELECT due_date, fixed_at, state FROM oversight_finding
        WHERE org_id = :id AND due_date IS NOT NULL AND state NOT IN ('NOT_AFFECTED', 'FALSE_POSITIVE')""")
        .param("id", id).query(rs -> {
          LocalDate due = rs.getObject("due_date", LocalDate.class);
          Instant fixed = instant(rs.getObject("fixed_at", OffsetDateTime.class));
          boolean met = "FIXED".equals(rs.getString("state")) && fixed != null && !LocalDate.ofInstant(fixed, ZONE).isAfter(due);
          long[] row = after.computeIfAbsent(due, d -> new long[2]);
          row[0]++;
          if (met) row[1]++;
        });
    var delta = new HashMap<Map.Entry<String, LocalDate>, long[]>();
    if (same(before, after) && oldSector.equals(sector)) return delta;
    jdbc.sql("DELETE FROM oversight_org_sla WHERE org_id = :id").param("id", id).update();
    after.forEach((day, r) -> jdbc.sql("INSERT INTO oversight_org_sla (org_id, on_day, due, met) VALUES (:id, :day, :due, :met)")
        .param("id", id).param("day", day).param("due", r[0]).param("met", r[1]).update());
    before.forEach((day, r) -> add(delta.computeIfAbsent(Map.entry(oldSector, day), k -> new long[2]), r, -1));
    after.forEach((day, r) -> add(delta.computeIfAbsent(Map.entry(sector, day), k -> new long[2]), r, 1));
    return delta;
  }

  /** Moves the sectors' SLA rows; the sector rows are locked. */
  private void moveSectorSla(Map<Map.Entry<String, LocalDate>, long[]> delta) {
    delta.forEach((k, d) -> {
      if (d[0] == 0 && d[1] == 0) return;
      int updated = jdbc.sql("UPDATE oversight_sector_sla SET due = due + :due, met = met + :met WHERE sector = :s AND on_day = :day")
          .param("due", d[0]).param("met", d[1]).param("s", k.getKey()).param("day", k.getValue()).update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO oversight_sector_sla (sector, on_day, due, met) VALUES (:s, :day, :due, :met)")
            .param("due", d[0]).param("met", d[1]).param("s", k.getKey()).param("day", k.getValue()).update();
      }
    });
  }

  private static void add(long[] into, long[] r, int sign) {
    into[0] += sign * r[0];
    into[1] += sign * r[1];
  }

  private static boolean same(Map<LocalDate, long[]> a, Map<LocalDate, long[]> b) {
    if (!a.keySet().equals(b.keySet())) return false;
    for (var e : a.entrySet()) if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) return false;
    return true;
  }

  private static long n(Map<String, long[]> counts, String severity) {
    long[] c = counts.get(severity);
    return c == null ? 0 : c[0];
  }

  /** Whether a stored state name is an open state of the lifecycle. */
  static boolean isOpen(String state) {
    try {
      return io.haetae.server.findings.FindingState.valueOf(state).isOpen();
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  static String component(Finding f) {
    return f.componentGroup() == null || f.componentGroup().isBlank() ? f.componentName()
        : f.componentGroup() + ":" + f.componentName();
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
