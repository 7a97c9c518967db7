package io.haetae.server.oversight.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.oversight.internal.Durations.Spread;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the rooms' figures from the projection (docs/oversight.md says how each is computed). */
@Repository
class Rooms {

  static final List<String> SEVERITIES = java.util.Arrays.stream(Severity.values()).map(Enum::name).toList();

  private final JdbcClient jdbc;

  Rooms(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The figures of a set of organisations (a sector, the nation, or one organisation). */
  record Figures(long organisations, Map<String, Long> openBySeverity, long kevOpen, long overdue, long notAcknowledged,
      Double slaCompliance, Spread timeToNotify, Spread timeToAcknowledge, Spread timeToFix) {

    public long open() {
      return openBySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Counts now, SLA counts and histograms over a period, to be added up into {@link Figures}. */
  static final class Tally {
    long organisations, kevOpen, overdue, notAcknowledged, due, met;
    final Map<String, Long> open = new LinkedHashMap<>();
    final Map<String, Map<Integer, Long>> durations = new HashMap<>();

    Tally() {
      SEVERITIES.forEach(s -> open.put(s, 0L));
    }

    void add(Tally o) {
      organisations += o.organisations;
      kevOpen += o.kevOpen;
      overdue += o.overdue;
      notAcknowledged += o.notAcknowledged;
      due += o.due;
      met += o.met;
      o.open.forEach((k, v) -> open.merge(k, v, Long::sum));
      o.durations.forEach((m, h) -> h.forEach((b, n) -> count(m, b, n)));
    }

    void count(String measure, int bucket, long n) {
      durations.computeIfAbsent(measure, k -> new HashMap<>()).merge(bucket, n, Long::sum);
    }

    public Figures figures() {
      return new Figures(organisations, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(open)), kevOpen, overdue, notAcknowledged,
          due == 0 ? null : (double) met / due, spread("NOTIFY"), spread("ACK"), spread("FIX"));
    }

    Map<Integer, Long> histogram(String measure) {
      return durations.getOrDefault(measure, Map.of());
    }

    private Spread spread(String measure) {
      return Spread.of(histogram(measure));
    }
  }

  /** Per sector in scope: counts now from oversight_org, SLA and durations over the period. */
  Map<String, Tally> bySector(Scope scope, Period period) {
    var out = new TreeMap<String, Tally>();
    jdbc.sql("""
        SELECT sector, COUNT(*) AS orgs, SUM(open_critical) AS c, SUM(open_high) AS h, SUM(open_medium) AS m,
          SUM(open_low) AS l, SUM(open_info) AS i, SUM(open_unassigned) AS u, SUM(kev_open) AS kev,
          SUM(overdue) AS overdue, SUM(CASE WHEN alerts_unacked > 0 THEN 1 ELSE 0 END) AS unacked
        FROM oversight_org WHERE\s""" + scope.on("sector") + " GROUP BY sector").params(scope.params())
        .query(rs -> {
          var t = out.computeIfAbsent(rs.getString("sector"), k -> new Tally());
          t.organisations = rs.getLong("orgs");
          t.open.put("CRITICAL", rs.getLong("c"));
          t.open.put("HIGH", rs.getLong("h"));
          t.open.put("MEDIUM", rs.getLong("m"));
          t.open.put("LOW", rs.getLong("l"));
          t.open.put("INFO", rs.getLong("i"));
          t.open.put("UNASSIGNED", rs.getLong("u"));
          t.kevOpen = rs.getLong("kev");
          t.overdue = rs.getLong("overdue");
          t.notAcknowledged = rs.getLong("unacked");
        });
    jdbc.sql("SELECT sector, SUM(due) AS due, SUM(met) AS met FROM oversight_sector_sla WHERE on_day >= :from AND on_day <= :to"
        + " AND on_day < :today AND " + scope.on("sector") + " GROUP BY sector")
        .param("from", period.from()).param("to", period.to()).param("today", LocalDate.now(Projection.ZONE))
        .params(scope.params()).query(rs -> {
          var t = out.get(rs.getString("sector"));
          if (t != null) { t.due = rs.getLong("due"); t.met = rs.getLong("met"); }
        });
    jdbc.sql("SELECT sector, measure, bucket, SUM(n) AS n FROM oversight_sector_duration WHERE on_day >= :from AND on_day <= :to AND "
        + scope.on("sector") + " GROUP BY sector, measure, bucket")
        .param("from", period.from()).param("to", period.to()).params(scope.params()).query(rs -> {
          var t = out.get(rs.getString("sector"));
          if (t != null) t.count(rs.getString("measure"), rs.getInt("bucket"), rs.getLong("n"));
        });
    return out;
  }

  /** One organisation's row in a sector room or its own page. */
  record OrgRow(UUID orgId, String name, String sector, String cisoEmail, Tally tally, long alertsUnacked,
      int projects, int staleProjects, Instant lastSbomAt) {
    public Figures figures() {
      return tally.figures();
    }
  }

  enum OrgOrder { OVERDUE, CRITICAL, NAME }

  /** A page of the organisations in scope (optionally of one sector, whose name contains {@code q}). */
  List<OrgRow> organisations(Scope scope, String q, OrgOrder order, Period period, int offset, int limit) {
    String order_by = switch (order) {
      case OVERDUE -> "overdue DESC, open_critical DESC, open_high DESC, name";
      case CRITICAL -> "open_critical DESC, open_high DESC, overdue DESC, name";
      case NAME -> "name";
    };
    var rows = jdbc.sql(SELECT_ORG + " WHERE " + scope.on("sector") + (q == null ? "" : " AND LOWER(name) LIKE :q")
            + " ORDER BY " + order_by + " LIMIT :limit OFFSET :offset")
        .params(scope.params()).param("limit", limit).param("offset", offset)
        .params(q == null ? Map.of() : Map.of("q", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%"))
        .query(Rooms::orgRow).list();
    addPeriod(rows, period);
    return rows;
  }

  long countOrganisations(Scope scope, String q) {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_org WHERE " + scope.on("sector") + (q == null ? "" : " AND LOWER(name) LIKE :q"))
        .params(scope.params()).params(q == null ? Map.of() : Map.of("q", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%"))
        .query(Long.class).single();
  }

  Optional<OrgRow> organisation(UUID orgId, Period period) {
    var row = jdbc.sql(SELECT_ORG + " WHERE org_id = :id").param("id", orgId).query(Rooms::orgRow).optional();
    row.ifPresent(r -> addPeriod(List.of(r), period));
    return row;
  }

  private void addPeriod(List<OrgRow> rows, Period period) {
    if (rows.isEmpty()) return;
    Map<UUID, OrgRow> byId = new HashMap<>();
    rows.forEach(r -> byId.put(r.orgId(), r));
    jdbc.sql("SELECT org_id, SUM(due) AS due, SUM(met) AS met FROM oversight_org_sla WHERE org_id IN (:ids)"
            + " AND on_day >= :from AND on_day <= :to AND on_day < :today GROUP BY org_id")
        .param("ids", byId.keySet()).param("from", period.from()).param("to", period.to())
        .param("today", LocalDate.now(Projection.ZONE)).query(rs -> {
          var t = byId.get(rs.getObject("org_id", UUID.class)).tally();
          t.due = rs.getLong("due");
          t.met = rs.getLong("met");
        });
    jdbc.sql("SELECT org_id, measure, bucket, SUM(n) AS n FROM oversight_org_duration WHERE org_id IN (:ids)"
            + " AND on_day >= :from AND on_day <= :to GROUP BY org_id, measure, bucket")
        .param("ids", byId.keySet()).param("from", period.from()).param("to", period.to()).query(rs -> {
          byId.get(rs.getObject("org_id", UUID.class)).tally().count(rs.getString("measure"), rs.getInt("bucket"), rs.getLong("n"));
        });
  }

  private static final String SELECT_ORG = """
      SELECT org_id, name, sector, ciso_email, open_critical, open_high, open_medium, open_low, open_info, open_unassigned,
        kev_open, overdue, alerts_unacked, projects, stale_projects, last_sbom_at
      FROM oversight_org""";

  private static OrgRow orgRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    var t = new Tally();
    t.organisations = 1;
    t.open.put("CRITICAL", rs.getLong("open_critical"));
    t.open.put("HIGH", rs.getLong("open_high"));
    t.open.put("MEDIUM", rs.getLong("open_medium"));
    t.open.put("LOW", rs.getLong("open_low"));
    t.open.put("INFO", rs.getLong("open_info"));
    t.open.put("UNASSIGNED", rs.getLong("open_unassigned"));
    t.kevOpen = rs.getLong("kev_open");
    t.overdue = rs.getLong("overdue");
    t.notAcknowledged = rs.getLong("alerts_unacked") > 0 ? 1 : 0;
    return new OrgRow(rs.getObject("org_id", UUID.class), rs.getString("name"), rs.getString("sector"),
        rs.getString("ciso_email"), t, rs.getLong("alerts_unacked"), rs.getInt("projects"), rs.getInt("stale_projects"),
        Projection.instant(rs.getObject("last_sbom_at", OffsetDateTime.class)));
  }

  /** One day of the trend: open critical and high findings at the end of that day. */
  record TrendDay(LocalDate day, long critical, long high) {}

  /** The trend over the period: each sector's latest row on or before each day, added up. */
  List<TrendDay> trend(Scope scope, Period period) {
    Map<String, TreeMap<LocalDate, long[]>> bySector = new HashMap<>();
    jdbc.sql("SELECT sector, on_day, open_critical, open_high FROM oversight_sector_day WHERE on_day <= :to AND "
            + scope.on("sector") + " AND (on_day >= :from OR on_day = (SELECT MAX(d.on_day) FROM oversight_sector_day d"
            + " WHERE d.sector = oversight_sector_day.sector AND d.on_day < :from))")
        .param("from", period.from()).param("to", period.to()).params(scope.params()).query(rs -> {
          bySector.computeIfAbsent(rs.getString("sector"), k -> new TreeMap<>())
              .put(rs.getObject("on_day", LocalDate.class), new long[] {rs.getLong("open_critical"), rs.getLong("open_high")});
        });
    return trendOf(bySector.values(), period);
  }

  /** One organisation's trend. */
  List<TrendDay> trend(UUID orgId, Period period) {
    var days = new TreeMap<LocalDate, long[]>();
    jdbc.sql("SELECT on_day, open_critical, open_high FROM oversight_org_day WHERE org_id = :o AND on_day <= :to AND (on_day >= :from"
            + " OR on_day = (SELECT MAX(d.on_day) FROM oversight_org_day d WHERE d.org_id = :o AND d.on_day < :from))")
        .param("o", orgId).param("from", period.from()).param("to", period.to()).query(rs -> {
          days.put(rs.getObject("on_day", LocalDate.class), new long[] {rs.getLong("open_critical"), rs.getLong("open_high")});
        });
    return trendOf(List.of(days), period);
  }

  private static List<TrendDay> trendOf(Collection<TreeMap<LocalDate, long[]>> series, Period period) {
    var out = new ArrayList<TrendDay>();
    LocalDate last = period.to().isAfter(LocalDate.now(Projection.ZONE)) ? LocalDate.now(Projection.ZONE) : period.to();
    for (LocalDate d = period.from(); !d.isAfter(last); d = d.plusDays(1)) {
      long c = 0, h = 0;
      for (var s : series) {
        var e = s.floorEntry(d);
        if (e != null) { c += e.getValue()[0]; h += e.getValue()[1]; }
      }
      out.add(new TrendDay(d, c, h));
    }
    return out;
  }

  /** A finding as the rooms list it. */
  record FindingRow(UUID findingId, UUID orgId, UUID projectId, String projectName, String advisoryId, String component,
      String installedVersion, String fixedVersion, String severity, boolean kev, String state, LocalDate dueDate,
      boolean overdue, Instant openedAt, Instant notifiedAt, Instant fixedAt) {}

  record FindingFilter(UUID orgId, UUID projectId, String severity, boolean openOnly, String q) {}

  List<FindingRow> findings(FindingFilter filter, LocalDate today, int offset, int limit) {
    var sql = new StringBuilder(SELECT_FINDING).append(where(filter));
    sql.append("""
         ORDER BY CASE WHEN f.due_date < :today AND f.state IN\s""").append(Projection.OPEN).append("""
         THEN 0 ELSE 1 END,
          CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END,
          f.due_date, f.component, f.advisory_id LIMIT :limit OFFSET :offset""");
    return jdbc.sql(sql.toString()).params(params(filter)).param("today", today).param("limit", limit).param("offset", offset)
        .query((rs, n) -> findingRow(rs, today)).list();
  }

  long countFindings(FindingFilter filter) {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_finding f" + where(filter)).params(params(filter)).query(Long.class).single();
  }

  private static String where(FindingFilter f) {
    var w = new StringBuilder(" WHERE f.org_id = :org");
    if (f.projectId() != null) w.append(" AND f.project_id = :project");
    if (f.severity() != null) w.append(" AND f.severity = :severity");
    if (f.openOnly()) w.append(" AND f.state IN ").append(Projection.OPEN);
    if (f.q() != null) w.append(" AND (LOWER(f.component) LIKE :q OR LOWER(f.advisory_id) LIKE :q OR LOWER(f.aliases) LIKE :q)");
    return w.toString();
  }

  private static Map<String, Object> params(FindingFilter f) {
    var p = new HashMap<String, Object>();
    p.put("org", f.orgId());
    if (f.projectId() != null) p.put("project", f.projectId());
    if (f.severity() != null) p.put("severity", f.severity());
    if (f.q() != null) p.put("q", "%" + f.q().toLowerCase(java.util.Locale.ROOT) + "%");
    return p;
  }

  private static final String SELECT_FINDING = """
      SELECT f.finding_id, f.org_id, f.project_id, p.name AS project_name, f.advisory_id, f.component, f.installed_version,
        f.fixed_version, f.severity, f.kev, f.state, f.due_date, f.opened_at, f.notified_at, f.fixed_at
      FROM oversight_finding f LEFT JOIN oversight_project p ON p.project_id = f.project_id""";

  private static FindingRow findingRow(java.sql.ResultSet rs, LocalDate today) throws java.sql.SQLException {
    LocalDate due = rs.getObject("due_date", LocalDate.class);
    String state = rs.getString("state");
    boolean open = state.equals("NEW") || state.equals("ACKNOWLEDGED") || state.equals("IN_PROGRESS");
    return new FindingRow(rs.getObject("finding_id", UUID.class), rs.getObject("org_id", UUID.class),
        rs.getObject("project_id", UUID.class), rs.getString("project_name"), rs.getString("advisory_id"),
        rs.getString("component"), rs.getString("installed_version"), rs.getString("fixed_version"),
        rs.getString("severity"), rs.getBoolean("kev"), state, due, open && due != null && today.isAfter(due),
        Projection.instant(rs.getObject("opened_at", OffsetDateTime.class)),
        Projection.instant(rs.getObject("notified_at", OffsetDateTime.class)),
        Projection.instant(rs.getObject("fixed_at", OffsetDateTime.class)));
  }

  /** A project in the asset view. */
  record ProjectRow(UUID projectId, UUID orgId, String name, String version, int components, Instant lastSbomAt,
      long open, long critical, boolean stale) {}

  List<ProjectRow> projects(UUID orgId, boolean staleOnly, int offset, int limit) {
    Instant staleBefore = Instant.now().minus(Projection.STALE);
    return jdbc.sql("""
        SELECT p.project_id, p.org_id, p.name, p.version, p.components, p.last_sbom_at,
          (SELECT COUNT(*) FROM oversight_finding f WHERE f.project_id = p.project_id AND f.state IN\s""" + Projection.OPEN + """
          ) AS open_n,
          (SELECT COUNT(*) FROM oversight_finding f WHERE f.project_id = p.project_id AND f.severity = 'CRITICAL' AND f.state IN\s"""
            + Projection.OPEN + """
          ) AS critical_n
        FROM oversight_project p WHERE p.org_id = :org""" + (staleOnly ? " AND (p.last_sbom_at IS NULL OR p.last_sbom_at < :stale)" : "")
        + " ORDER BY p.last_sbom_at NULLS FIRST, p.name, p.version LIMIT :limit OFFSET :offset")
        .param("org", orgId).param("limit", limit).param("offset", offset)
        .params(staleOnly ? Map.of("stale", Projection.ts(staleBefore)) : Map.of())
        .query((rs, n) -> {
          Instant last = Projection.instant(rs.getObject("last_sbom_at", OffsetDateTime.class));
          return new ProjectRow(rs.getObject("project_id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
              rs.getString("version"), rs.getInt("components"), last, rs.getLong("open_n"), rs.getLong("critical_n"),
              last == null || last.isBefore(staleBefore));
        }).list();
  }

  long countProjects(UUID orgId, boolean staleOnly) {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_project p WHERE p.org_id = :org"
            + (staleOnly ? " AND (p.last_sbom_at IS NULL OR p.last_sbom_at < :stale)" : ""))
        .param("org", orgId).params(staleOnly ? Map.of("stale", Projection.ts(Instant.now().minus(Projection.STALE))) : Map.of())
        .query(Long.class).single();
  }

  Optional<ProjectRow> project(UUID projectId) {
    return jdbc.sql("SELECT org_id FROM oversight_project WHERE project_id = :p").param("p", projectId).query(UUID.class)
        .optional().flatMap(org -> projects(org, false, 0, Integer.MAX_VALUE).stream()
            .filter(p -> p.projectId().equals(projectId)).findFirst());
  }

  /** Organisations in scope without a project, or whose newest SBOM is older than 90 days. */
  List<OrgRow> coverageGaps(Scope scope, int offset, int limit) {
    return jdbc.sql(SELECT_ORG + " WHERE " + scope.on("sector") + " AND (projects = 0 OR last_sbom_at IS NULL OR last_sbom_at < :stale)"
            + " ORDER BY last_sbom_at NULLS FIRST, name LIMIT :limit OFFSET :offset")
        .params(scope.params()).param("stale", Projection.ts(Instant.now().minus(Projection.STALE)))
        .param("limit", limit).param("offset", offset).query(Rooms::orgRow).list();
  }

  long countCoverageGaps(Scope scope) {
    return jdbc.sql("SELECT COUNT(*) FROM oversight_org WHERE " + scope.on("sector")
            + " AND (projects = 0 OR last_sbom_at IS NULL OR last_sbom_at < :stale)")
        .params(scope.params()).param("stale", Projection.ts(Instant.now().minus(Projection.STALE))).query(Long.class).single();
  }

  /** One affected component of one organisation, for "who is exposed to X?". */
  record Exposure(UUID orgId, String organisation, String sector, String ciso, UUID projectId, String project,
      String component, String installedVersion, String fixedVersion, String advisoryId, String severity, String state,
      String alert, Instant notifiedAt, Instant acknowledgedAt, Instant fixedAt) {}

  List<Exposure> exposure(Scope scope, Collection<String> ids) {
    if (ids.isEmpty()) return List.of();
    return jdbc.sql("""
        SELECT f.org_id, o.name AS org_name, o.sector, o.ciso_email, f.project_id, p.name AS project_name, p.version AS project_version,
          f.component, f.installed_version, f.fixed_version, f.advisory_id, f.severity, f.state, f.fixed_at,
          a.sent_at, a.acknowledged_at, a.escalated_at, f.alert_id
        FROM oversight_finding f JOIN oversight_org o ON o.org_id = f.org_id
          LEFT JOIN oversight_project p ON p.project_id = f.project_id
          LEFT JOIN oversight_alert a ON a.alert_id = f.alert_id
        WHERE f.advisory_id IN (:ids) AND\s""" + scope.on("o.sector") + """

        ORDER BY CASE WHEN f.state IN\s""" + Projection.OPEN + " THEN 0 ELSE 1 END, o.name, p.name, f.component")
        .param("ids", ids).params(scope.params()).query((rs, n) -> {
          Instant sent = Projection.instant(rs.getObject("sent_at", OffsetDateTime.class));
          Instant acked = Projection.instant(rs.getObject("acknowledged_at", OffsetDateTime.class));
          String alert = acked != null ? "ACKNOWLEDGED"
              : rs.getObject("escalated_at", OffsetDateTime.class) != null ? "ESCALATED"
              : sent != null ? "DELIVERED" : "NOT_DELIVERED";
          String version = rs.getString("project_version");
          String project = rs.getString("project_name") == null ? null
              : version == null || version.isEmpty() ? rs.getString("project_name") : rs.getString("project_name") + " " + version;
          return new Exposure(rs.getObject("org_id", UUID.class), rs.getString("org_name"), rs.getString("sector"),
              rs.getString("ciso_email"), rs.getObject("project_id", UUID.class), project, rs.getString("component"),
              rs.getString("installed_version"), rs.getString("fixed_version"), rs.getString("advisory_id"),
              rs.getString("severity"), rs.getString("state"), alert, sent, acked,
              Projection.instant(rs.getObject("fixed_at", OffsetDateTime.class)));
        }).list();
  }
}
