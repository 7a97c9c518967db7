package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.OrganisationExposure;
import io.haetae.server.identity.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class FindingRepository {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;

  FindingRepository(JdbcClient jdbc, NamedParameterJdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Stores the findings not stored yet; returns those, the ones a CISO has not heard of. */
  public List<Finding> insertNew(List<Finding> findings) {
    var opened = new ArrayList<Finding>();
    var known = new ArrayList<String>();
    for (int from = 0; from < findings.size(); from += CHUNK) {
      var chunk = findings.subList(from, Math.min(findings.size(), from + CHUNK));
      var params = chunk.stream().map(FindingRepository::params).toArray(MapSqlParameterSource[]::new);
      int[] counts = template.batchUpdate("""
          INSERT INTO findings_finding (id, finding_key, org_id, project_id, component_key, component_name,
            component_group, component_version, component_purl, advisory_id, aliases, title, severity, score,
            fixed_version, verdict, reason, state, analysis_id, created_at)
          VALUES (:id, :key, :org, :project, :ckey, :cname, :cgroup, :cversion, :cpurl, :advisory, :aliases, :title,
            :severity, :score, :fixed, :verdict, :reason, :state, :analysis, :created)
          ON CONFLICT DO NOTHING""", params);
      Set<UUID> inserted = insertedIds(chunk, counts);
      for (Finding f : chunk) {
        if (inserted.contains(f.id())) opened.add(f);
        else known.add(key(f));
      }
    }
    reopen(known);
    return opened;
  }

  /**
   * Which rows of a batch were new. Update counts say so, unless the driver rewrites the batch
   * into multi-row inserts (PostgreSQL's {@code reWriteBatchedInserts=true} answers
   * SUCCESS_NO_INFO): then the fresh ids that made it into the table are the new ones, since
   * a conflicting row keeps the id it was first stored with.
   */
  private Set<UUID> insertedIds(List<Finding> chunk, int[] counts) {
    if (java.util.Arrays.stream(counts).allMatch(c -> c >= 0)) {
      Set<UUID> out = new HashSet<>();
      for (int i = 0; i < counts.length; i++) if (counts[i] > 0) out.add(chunk.get(i).id());
      return out;
    }
    return new HashSet<>(template.queryForList("SELECT id FROM findings_finding WHERE id IN (:ids)",
        Map.of("ids", chunk.stream().map(Finding::id).toList()), UUID.class));
  }

  /**
   * A finding resolved by an earlier upload comes back when the component does. Only findings
   * that already existed can be resolved: the ones just inserted are open by construction.
   */
  private void reopen(List<String> keys) {
    for (int from = 0; from < keys.size(); from += CHUNK) {
      template.update("UPDATE findings_finding SET state = 'OPEN', resolved_at = NULL WHERE state = 'RESOLVED' AND finding_key IN (:keys)",
          Map.of("keys", keys.subList(from, Math.min(keys.size(), from + CHUNK))));
    }
  }

  /** Findings of the project that the latest analysis no longer produces: the component was upgraded or removed. */
  public int resolveMissing(UUID projectId, List<Finding> current) {
    Set<String> keep = new HashSet<>();
    current.forEach(f -> keep.add(key(f)));
    var stale = jdbc.sql("SELECT finding_key FROM findings_finding WHERE project_id = :p AND state = 'OPEN'")
        .param("p", projectId).query(String.class).list().stream().filter(k -> !keep.contains(k)).toList();
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int from = 0; from < stale.size(); from += CHUNK) {
      template.update("UPDATE findings_finding SET state = 'RESOLVED', resolved_at = :now WHERE finding_key IN (:keys)",
          new MapSqlParameterSource("now", now).addValue("keys", stale.subList(from, Math.min(stale.size(), from + CHUNK))));
    }
    return stale.size();
  }

  public void deleteOfProject(UUID projectId) {
    jdbc.sql("DELETE FROM findings_finding WHERE project_id = :p").param("p", projectId).update();
  }

  public List<Finding> openOfProject(UUID projectId) {
    return openOfProject(TenantScope.SYSTEM, projectId);
  }

  public List<Finding> openOfProject(TenantScope scope, UUID projectId) {
    return scope.bind(jdbc.sql(SELECT + " WHERE project_id = :p AND state = 'OPEN' AND " + scope.on("org_id") + " " + ORDER))
        .param("p", projectId).query(FindingRepository::finding).list();
  }

  public List<Finding> openOfOrganisation(TenantScope scope) {
    return scope.bind(jdbc.sql(SELECT + " WHERE state = 'OPEN' AND " + scope.on("org_id") + " " + ORDER))
        .query(FindingRepository::finding).list();
  }

  public List<Finding> openedIn(UUID analysisId, UUID orgId) {
    return jdbc.sql(SELECT + " WHERE analysis_id = :a AND org_id = :o AND state = 'OPEN'" + ORDER)
        .param("a", analysisId).param("o", orgId).query(FindingRepository::finding).list();
  }

  public Map<Severity, Long> countBySeverity(TenantScope scope) {
    var out = new EnumMap<Severity, Long>(Severity.class);
    scope.bind(jdbc.sql("SELECT severity, COUNT(*) AS n FROM findings_finding WHERE state = 'OPEN' AND "
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
        FROM findings_finding WHERE state = 'OPEN' AND \s""" + scope.on("org_id") + "\n" + """
        GROUP BY org_id
        ORDER BY critical DESC, high DESC, medium DESC, low DESC"""))
        .query((rs, n) -> new OrganisationExposure(rs.getObject("org_id", UUID.class), rs.getLong("critical"),
            rs.getLong("high"), rs.getLong("medium"), rs.getLong("low"), rs.getLong("other"), rs.getLong("projects")))
        .list();
  }

  private static final String SELECT = """
      SELECT id, org_id, project_id, component_key, component_name, component_group, component_version, component_purl,
        advisory_id, aliases, title, severity, score, fixed_version, verdict, reason, state, analysis_id, created_at
      FROM findings_finding""";

  private static final String ORDER = """
       ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END,
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
        rs.getString("verdict"), rs.getString("reason"), rs.getString("state"), rs.getObject("analysis_id", UUID.class),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  private static MapSqlParameterSource params(Finding f) {
    return new MapSqlParameterSource()
        .addValue("id", f.id()).addValue("key", key(f)).addValue("org", f.orgId()).addValue("project", f.projectId())
        .addValue("ckey", clip(f.componentKey(), 2048)).addValue("cname", clip(f.componentName(), 1024))
        .addValue("cgroup", clip(f.componentGroup(), 1024)).addValue("cversion", clip(f.componentVersion(), 255))
        .addValue("cpurl", clip(f.componentPurl(), 2048)).addValue("advisory", f.advisoryId())
        .addValue("aliases", clip(String.join(" ", f.aliases()), 2000)).addValue("title", clip(f.title(), 1000))
        .addValue("severity", f.severity().name()).addValue("score", f.score())
        .addValue("fixed", clip(f.fixedVersion(), 255)).addValue("verdict", f.verdict())
        .addValue("reason", clip(f.reason(), 1000)).addValue("state", f.state())
        .addValue("analysis", f.analysisId()).addValue("created", f.createdAt().atOffset(ZoneOffset.UTC));
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

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
