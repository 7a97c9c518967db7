package io.haetae.server.oversight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the hub itself knows about organisations' readiness, for checks that must not rest on an
 * organisation's word (docs/checks.md): open findings of KEV-listed vulnerabilities, open
 * critical findings past their due date, and projects without an SBOM in 90 days. Read from the
 * rooms' projection tables (docs/oversight.md), so it is as current as the rooms.
 */
@Service
public class Readiness {

  /** A project counts as stale without an SBOM for this long. */
  public static final Duration STALE = Duration.ofDays(90);
  private static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
  private static final String OPEN = io.haetae.server.findings.FindingState.OPEN_SQL;
  private static final int CHUNK = 500;

  /** One organisation's evidence; {@code staleProjectNames} lists at most ten. */
  public record Evidence(long kevOpen, long criticalOverdue, int projects, int staleProjects, List<String> staleProjectNames,
      Instant lastSbomAt) {

    public static final Evidence NONE = new Evidence(0, 0, 0, 0, List.of(), null);
  }

  private final JdbcClient jdbc;

  Readiness(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The evidence of each organisation (organisations the rooms do not know yet: {@link Evidence#NONE}). */
  public Map<UUID, Evidence> of(Collection<UUID> orgIds) {
    var out = new HashMap<UUID, Evidence>();
    var ids = new ArrayList<>(orgIds);
    LocalDate today = LocalDate.now(ZONE);
    Timestamp stale = Timestamp.from(Instant.now().minus(STALE));
    for (int i = 0; i < ids.size(); i += CHUNK) {
      var chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
      var findings = new HashMap<UUID, long[]>();
      jdbc.sql("""
          SELECT org_id, SUM(CASE WHEN kev THEN 1 ELSE 0 END) AS kev,
            SUM(CASE WHEN severity = 'CRITICAL' AND due_date < :today THEN 1 ELSE 0 END) AS overdue
          FROM oversight_finding WHERE org_id IN (:ids) AND state IN\s""" + OPEN + " GROUP BY org_id")
          .param("ids", chunk).param("today", today)
          .query(rs -> { findings.put(rs.getObject("org_id", UUID.class), new long[] {rs.getLong("kev"), rs.getLong("overdue")}); });
      var projects = new HashMap<UUID, List<Object[]>>();
      jdbc.sql("SELECT org_id, name, version, last_sbom_at FROM oversight_project WHERE org_id IN (:ids) ORDER BY name, version")
          .param("ids", chunk)
          .query(rs -> { projects.computeIfAbsent(rs.getObject("org_id", UUID.class), k -> new ArrayList<>()).add(new Object[] {
              rs.getString("name") + (rs.getString("version").isEmpty() ? "" : " " + rs.getString("version")),
              rs.getObject("last_sbom_at", OffsetDateTime.class)}); });
      for (UUID id : chunk) {
        long[] f = findings.getOrDefault(id, new long[2]);
        var rows = projects.getOrDefault(id, List.of());
        var staleNames = new ArrayList<String>();
        int staleCount = 0;
        Instant last = null;
        for (Object[] p : rows) {
          var at = (OffsetDateTime) p[1];
          if (at != null && (last == null || at.toInstant().isAfter(last))) last = at.toInstant();
          if (at == null || at.toInstant().isBefore(stale.toInstant())) {
            staleCount++;
            if (staleNames.size() < 10) staleNames.add((String) p[0]);
          }
        }
        out.put(id, new Evidence(f[0], f[1], rows.size(), staleCount, List.copyOf(staleNames), last));
      }
    }
    return out;
  }
}
