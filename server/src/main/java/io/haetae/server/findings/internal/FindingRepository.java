package io.haetae.server.findings.internal;

import static io.haetae.server.web.SqlValues.clip;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.OrganisationExposure;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.jdbc.BulkInsert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
public class FindingRepository {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;
  private final BulkInsert bulk;
  private final TransactionTemplate savepoint;

  FindingRepository(JdbcClient jdbc, NamedParameterJdbcTemplate template, BulkInsert bulk, PlatformTransactionManager transactions) {
    this.bulk = bulk;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Open states as SQL: NEW, ACKNOWLEDGED, IN_PROGRESS. */
  static final String OPEN = "state IN " + FindingState.OPEN_SQL;

  /** A finding that moved, as the repository changed it: for its event and audit line. */
  public record Moved(Finding finding, FindingState from) {}

  /** What {@link #insertNew} did: findings stored for the first time, and findings fixed earlier that came back. */
  public record Inserted(List<Finding> opened, List<Moved> reopened) {}

  private static final BulkInsert.Table FINDING = new BulkInsert.Table("findings_finding", List.of("id", "finding_key",
      "org_id", "project_id", "component_key", "component_name", "component_group", "component_version", "component_purl",
      "advisory_id", "aliases", "title", "severity", "score", "fixed_version", "verdict", "reason", "state", "analysis_id",
      "created_at", "state_changed_at", "due_date"));

  /**
   * Stores the findings not stored yet; returns those (the ones a CISO has not heard of) and the
   * findings the hub had fixed by itself that the analysis produces again (reopened as NEW).
   * The keys already stored are asked first, and the rest written at once ({@link BulkInsert}: a
   * statement per finding was the larger part of an upload's analysis, BENCHMARKS.md). Should a
   * concurrent analysis of the same project store one of them meanwhile, that write is undone to
   * its savepoint and the chunk goes row by row, each conflict left alone.
   */
  public Inserted insertNew(List<Finding> findings) {
    var opened = new ArrayList<Finding>();
    var known = new ArrayList<Finding>();
    for (int from = 0; from < findings.size(); from += CHUNK) {
      var keyed = new java.util.LinkedHashMap<String, Finding>();
      for (Finding f : findings.subList(from, Math.min(findings.size(), from + CHUNK))) {
        if (keyed.putIfAbsent(key(f), f) != null) known.add(f); // the same key twice in one analysis
      }
      Set<String> stored = new HashSet<>(template.queryForList(
          "SELECT finding_key FROM findings_finding WHERE finding_key IN (:keys)", Map.of("keys", keyed.keySet()), String.class));
      var fresh = new ArrayList<Object[]>();
      var freshFindings = new ArrayList<Finding>();
      keyed.forEach((key, f) -> {
        if (stored.contains(key)) {
          known.add(f);
        } else {
          fresh.add(row(f, key));
          freshFindings.add(f);
        }
      });
      if (fresh.isEmpty()) continue;
      try {
        savepoint.executeWithoutResult(tx -> bulk.insert(FINDING, fresh));
        opened.addAll(freshFindings);
      } catch (DuplicateKeyException concurrent) {
        Set<UUID> inserted = insertedIds(freshFindings, bulk.insertIgnoringConflicts(FINDING, fresh));
        freshFindings.forEach(f -> (inserted.contains(f.id()) ? opened : known).add(f));
      }
    }
    return new Inserted(opened, reopen(known));
  }

  /**
   * Which rows of a batch were new. Update counts say so, unless the driver rewrites the batch
   * into multi-row inserts (PostgreSQL's {@code reWriteBatchedInserts=true} answers
   * SUCCESS_NO_INFO): then the fresh ids that made it into the table are the new ones, since
   * a conflicting row keeps the id and key it was first stored with.
   */
  private Set<UUID> insertedIds(List<Finding> chunk, int[] counts) {
    if (java.util.Arrays.stream(counts).allMatch(c -> c >= 0)) {
      Set<UUID> out = new HashSet<>();
      for (int i = 0; i < counts.length; i++) if (counts[i] > 0) out.add(chunk.get(i).id());
      return out;
    }
    // A row is this finding's if both its id and its key are: a conflict on either leaves another row.
    var keys = new java.util.HashMap<UUID, String>();
    chunk.forEach(f -> keys.put(f.id(), key(f)));
    Set<UUID> out = new HashSet<>();
    template.query("SELECT id, finding_key FROM findings_finding WHERE id IN (:ids)", Map.of("ids", keys.keySet()), rs -> {
      UUID id = rs.getObject("id", UUID.class);
      if (rs.getString("finding_key").equals(keys.get(id))) out.add(id);
    });
    return out;
  }

  /**
   * A finding the hub fixed because an upload lacked the component comes back (NEW, with a fresh
   * due date) when the component does. Only findings that already existed can be fixed: the ones
   * just inserted are new by construction; a finding a person marked fixed stays as they said.
   */
  private List<Moved> reopen(List<Finding> known) {
    var moved = new ArrayList<Moved>();
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<String, Finding> byKey = new java.util.HashMap<>();
    known.forEach(f -> byKey.put(key(f), f));
    var keys = List.copyOf(byKey.keySet());
    for (int from = 0; from < keys.size(); from += CHUNK) {
      var chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      var fixed = template.query(SELECT + " WHERE state = 'FIXED' AND fixed_by_analysis = TRUE AND finding_key IN (:keys)",
          Map.of("keys", chunk), FindingRepository::finding);
      for (Finding f : fixed) {
        LocalDate due = byKey.get(key(f)).dueDate();
        int n = template.update("""
            UPDATE findings_finding SET state = 'NEW', state_changed_at = :now, fixed_at = NULL,
              fixed_by_analysis = FALSE, due_date = :due
            WHERE id = :id AND state = 'FIXED'""",
            new MapSqlParameterSource("now", now).addValue("due", due).addValue("id", f.id()));
        if (n == 1) moved.add(new Moved(f, FindingState.FIXED));
      }
    }
    return moved;
  }

  /**
   * Findings of the project that the latest analysis no longer produces (the component was
   * upgraded or removed): open and risk-accepted ones become FIXED now. Returns them as they were.
   */
  public List<Moved> fixMissing(UUID projectId, List<Finding> current) {
    var candidates = jdbc.sql(SELECT + " WHERE project_id = :p AND (" + OPEN + " OR state = 'RISK_ACCEPTED')")
        .param("p", projectId).query(FindingRepository::finding).list();
    if (candidates.isEmpty()) return List.of(); // a new project: no key to work out
    Set<String> keep = new HashSet<>();
    current.forEach(f -> keep.add(key(f)));
    var stale = candidates.stream().filter(f -> !keep.contains(key(f))).toList();
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    var moved = new ArrayList<Moved>();
    for (Finding f : stale) {
      int n = jdbc.sql("""
          UPDATE findings_finding SET state = 'FIXED', state_changed_at = :now, fixed_at = :now, fixed_by_analysis = TRUE
          WHERE id = :id AND state = :from""")
          .param("now", now).param("id", f.id()).param("from", f.state().name()).update();
      if (n == 1) moved.add(new Moved(f, f.state()));
    }
    return moved;
  }

  /**
   * Moves one finding if it is still in {@code from} (a concurrent move wins, this one changes
   * nothing and answers false), recording the assessment with it.
   */
  public boolean move(Finding current, FindingState to, Finding.Assessment a, java.time.Instant at) {
    var when = at.atOffset(ZoneOffset.UTC);
    var changedAt = current.state() == to ? current.stateChangedAt().atOffset(ZoneOffset.UTC) : when;
    var fixedAt = to != FindingState.FIXED ? null
        : current.fixedAt() != null ? current.fixedAt().atOffset(ZoneOffset.UTC) : when;
    return jdbc.sql("""
        UPDATE findings_finding SET state = :to, state_changed_at = :changedAt, fixed_at = :fixedAt,
          fixed_by_analysis = FALSE,
          justification = :justification, response = :response, details = :details, suppressed = :suppressed,
          risk_reason = :riskReason, risk_expires = :riskExpires
        WHERE id = :id AND state = :from""")
        .param("to", to.name()).param("changedAt", changedAt).param("fixedAt", fixedAt)
        .param("id", current.id()).param("from", current.state().name())
        .param("justification", clip(a.justification(), 64)).param("response", clip(a.response(), 64))
        .param("details", clip(a.details(), 4000)).param("suppressed", a.suppressed())
        .param("riskReason", clip(a.riskReason(), 4000)).param("riskExpires", a.riskExpires())
        .update() == 1;
  }

  public Optional<Finding> find(TenantScope scope, UUID id) {
    return scope.bind(jdbc.sql(SELECT + " WHERE id = :id AND " + scope.on("org_id"))).param("id", id)
        .query(FindingRepository::finding).optional();
  }

  /** A page of every finding in id order (rebuilding read models). */
  public List<Finding> everyAfter(UUID after, int limit) {
    return after == null
        ? jdbc.sql(SELECT + " ORDER BY id LIMIT :limit").param("limit", limit).query(FindingRepository::finding).list()
        : jdbc.sql(SELECT + " WHERE id > :after ORDER BY id LIMIT :limit").param("after", after).param("limit", limit)
            .query(FindingRepository::finding).list();
  }

  public List<Finding> findAll(Collection<UUID> ids) {
    var out = new ArrayList<Finding>();
    var list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += CHUNK) {
      out.addAll(template.query(SELECT + " WHERE id IN (:ids)",
          Map.of("ids", list.subList(from, Math.min(list.size(), from + CHUNK))), FindingRepository::finding));
    }
    return out;
  }

  /**
   * Every finding of a project as Dependency-Track lists them: whatever its state, except those
   * fixed because the component left the SBOM (Dependency-Track no longer has that component),
   * and suppressed ones unless asked for.
   */
  public List<Finding> listedOfProject(TenantScope scope, UUID projectId, boolean withSuppressed, LocalDate today) {
    return scope.bind(jdbc.sql(SELECT + " WHERE project_id = :p AND NOT (state = 'FIXED' AND fixed_by_analysis = TRUE)"
        + (withSuppressed ? "" : " AND suppressed = FALSE") + " AND " + scope.on("org_id") + ORDER))
        .param("p", projectId).param("today", today).query(FindingRepository::finding).list();
  }

  /** Every finding of a project within the scope, whatever its state. */
  public List<Finding> allOfProject(TenantScope scope, UUID projectId) {
    return scope.bind(jdbc.sql(SELECT + " WHERE project_id = :p AND " + scope.on("org_id")))
        .param("p", projectId).query(FindingRepository::finding).list();
  }

  /** Open findings whose risk acceptance expired before {@code today}. */
  public List<Finding> expiredAcceptances(LocalDate today) {
    return jdbc.sql(SELECT + " WHERE state = 'RISK_ACCEPTED' AND risk_expires < :today")
        .param("today", today).query(FindingRepository::finding).list();
  }

  /** Open findings of these advisory ids (uses the advisory index). */
  public List<Finding> openOfAdvisories(Collection<String> advisoryIds) {
    var out = new ArrayList<Finding>();
    var list = List.copyOf(advisoryIds);
    for (int from = 0; from < list.size(); from += CHUNK) {
      out.addAll(template.query(SELECT + " WHERE advisory_id IN (:ids) AND " + OPEN,
          Map.of("ids", list.subList(from, Math.min(list.size(), from + CHUNK))), FindingRepository::finding));
    }
    return out;
  }

  public void setDueDate(UUID id, LocalDate due) {
    jdbc.sql("UPDATE findings_finding SET due_date = :due WHERE id = :id").param("due", due).param("id", id).update();
  }

  /** One step of a finding's trail. */
  public record Transition(Instant at, String actor, FindingState from, FindingState to, String reason) {}

  public void recordTransition(Finding f, FindingState from, FindingState to, Instant at, String actor, String reason) {
    jdbc.sql("""
        INSERT INTO findings_transition (finding_id, org_id, at, actor, from_state, to_state, reason)
        VALUES (:f, :o, :at, :actor, :from, :to, :reason)""")
        .param("f", f.id()).param("o", f.orgId()).param("at", at.atOffset(ZoneOffset.UTC))
        .param("actor", clip(actor, 320)).param("from", from.name()).param("to", to.name())
        .param("reason", clip(reason, 4000)).update();
  }

  public List<Transition> trail(UUID findingId) {
    return jdbc.sql("SELECT at, actor, from_state, to_state, reason FROM findings_transition WHERE finding_id = :f ORDER BY at, id")
        .param("f", findingId)
        .query((rs, n) -> new Transition(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
            FindingState.valueOf(rs.getString("from_state")), FindingState.valueOf(rs.getString("to_state")),
            rs.getString("reason")))
        .list();
  }

  public void deleteOfProject(UUID projectId) {
    jdbc.sql("DELETE FROM findings_transition WHERE finding_id IN (SELECT id FROM findings_finding WHERE project_id = :p)")
        .param("p", projectId).update();
    jdbc.sql("DELETE FROM findings_finding WHERE project_id = :p").param("p", projectId).update();
  }

  public int countOpenOfProject(UUID projectId) {
    return jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE project_id = :p AND " + OPEN)
        .param("p", projectId).query(Integer.class).single();
  }

  public List<Finding> openOfProject(UUID projectId, LocalDate today) {
    return openOfProject(TenantScope.SYSTEM, projectId, today);
  }

  public List<Finding> openOfProject(TenantScope scope, UUID projectId, LocalDate today) {
    return scope.bind(jdbc.sql(SELECT + " WHERE project_id = :p AND " + OPEN + " AND " + scope.on("org_id") + " " + ORDER))
        .param("p", projectId).param("today", today).query(FindingRepository::finding).list();
  }

  public List<Finding> openOfOrganisation(TenantScope scope, LocalDate today) {
    return scope.bind(jdbc.sql(SELECT + " WHERE " + OPEN + " AND " + scope.on("org_id") + " " + ORDER))
        .param("today", today).query(FindingRepository::finding).list();
  }

  public List<Finding> openedIn(UUID analysisId, UUID orgId, LocalDate today) {
    return jdbc.sql(SELECT + " WHERE analysis_id = :a AND org_id = :o AND " + OPEN + ORDER)
        .param("a", analysisId).param("o", orgId).param("today", today).query(FindingRepository::finding).list();
  }

  /** NEW findings among {@code ids}. */
  public List<Finding> newAmong(Collection<UUID> ids) {
    return findAll(ids).stream().filter(f -> f.state() == FindingState.NEW).toList();
  }

  public Map<Severity, Long> countBySeverity(TenantScope scope) {
    var out = new EnumMap<Severity, Long>(Severity.class);
    scope.bind(jdbc.sql("SELECT severity, COUNT(*) AS n FROM findings_finding WHERE " + OPEN + " AND "
        + scope.on("org_id") + " GROUP BY severity")).query(rs -> {
          out.put(Severity.valueOf(rs.getString("severity")), rs.getLong("n"));
        });
    return out;
  }

  public List<OrganisationExposure> exposures(TenantScope scope) {
    return scope.bind(jdbc.sql("""
        SELECT org_id,
          SUM(CASE WHEN severity = 'CRITICAL' THEN 1 ELSE 0 END) AS critical,
          SUM(CASE WHEN severity = 'HIGH' THEN 1 ELSE 0 END) AS high,
          SUM(CASE WHEN severity = 'MEDIUM' THEN 1 ELSE 0 END) AS medium,
          SUM(CASE WHEN severity = 'LOW' THEN 1 ELSE 0 END) AS low,
          SUM(CASE WHEN severity NOT IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW') THEN 1 ELSE 0 END) AS other,
          COUNT(DISTINCT project_id) AS projects
        FROM findings_finding WHERE\s""" + OPEN + " AND " + scope.on("org_id") + "\n" + """
        GROUP BY org_id
        ORDER BY critical DESC, high DESC, medium DESC, low DESC"""))
        .query((rs, n) -> new OrganisationExposure(rs.getObject("org_id", UUID.class), rs.getLong("critical"),
            rs.getLong("high"), rs.getLong("medium"), rs.getLong("low"), rs.getLong("other"), rs.getLong("projects")))
        .list();
  }

  private static final String SELECT = """
      SELECT id, org_id, project_id, component_key, component_name, component_group, component_version, component_purl,
        advisory_id, aliases, title, severity, score, fixed_version, verdict, reason, state, analysis_id, created_at,
        state_changed_at, fixed_at, due_date, justification, response, details, suppressed, risk_reason, risk_expires
      FROM findings_finding""";

  private static final String ORDER = "\n" + """
       ORDER BY CASE WHEN due_date < :today AND\s""" + OPEN + "\n" + """
        THEN 0 ELSE 1 END,
        CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END,
        component_name, advisory_id""";

  private static Finding finding(ResultSet rs, int n) throws SQLException {
    double score = rs.getDouble("score");
    Double boxed = rs.wasNull() ? null : score;
    String aliases = rs.getString("aliases");
    return new Finding(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
        rs.getObject("project_id", UUID.class), rs.getString("component_key"), rs.getString("component_name"),
        rs.getString("component_group"), rs.getString("component_version"), rs.getString("component_purl"),
        rs.getString("advisory_id"), aliases.isEmpty() ? List.of() : Arrays.asList(aliases.split(" ")),
        rs.getString("title"), Severity.valueOf(rs.getString("severity")), boxed, rs.getString("fixed_version"),
        rs.getString("verdict"), rs.getString("reason"), FindingState.valueOf(rs.getString("state")),
        rs.getObject("analysis_id", UUID.class), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        instant(rs, "state_changed_at"), instant(rs, "fixed_at"), date(rs, "due_date"),
        new Finding.Assessment(rs.getString("justification"), rs.getString("response"), rs.getString("details"),
            rs.getBoolean("suppressed"), rs.getString("risk_reason"), date(rs, "risk_expires")));
  }

  private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
    var at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static LocalDate date(ResultSet rs, String column) throws SQLException {
    var d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  /** The values of {@link #FINDING}'s columns, clipped to the columns' sizes. */
  private static Object[] row(Finding f, String key) {
    var created = f.createdAt().atOffset(ZoneOffset.UTC);
    return new Object[] {f.id(), key, f.orgId(), f.projectId(), clip(f.componentKey(), 2048), clip(f.componentName(), 1024),
        clip(f.componentGroup(), 1024), clip(f.componentVersion(), 255), clip(f.componentPurl(), 2048), f.advisoryId(),
        clip(String.join(" ", f.aliases()), 2000), clip(f.title(), 1000), f.severity().name(), f.score(),
        clip(f.fixedVersion(), 255), f.verdict(), clip(f.reason(), 1000), f.state().name(), f.analysisId(), created, created,
        f.dueDate()};
  }

  /** Stable across re-analyses: the same component of the same project hit by the same advisory. */
  static String key(Finding f) {
    try {
      var md = MessageDigest.getInstance("SHA-256");
      md.update((f.projectId() + "\n" + f.componentKey() + "\n" + f.advisoryId()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
