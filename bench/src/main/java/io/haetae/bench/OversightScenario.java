package io.haetae.bench;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.OrganisationService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The national situation room at scale (issue 13): starts the hub on a fresh PostgreSQL
 * database, bulk-generates the oversight projection of {@code --orgs} organisations in 20
 * sectors and {@code --findings} findings (70% open, 30% fixed; notified, published, due dates
 * spread over a year), derives every aggregate table from those rows with the definitions of
 * docs/oversight.md, and times {@code GET /api/v1/oversight/summary} as the national operator.
 *
 * <pre>
 * java ... OversightScenario [--orgs=30000] [--findings=10000000] [--runs=30] [--keep]
 * </pre>
 */
public final class OversightScenario {

  private static final String PG_USER = System.getenv().getOrDefault("HAETAE_BENCH_PGUSER", "postgres");
  private static final long M = 60, H = 3600, D = 86_400;
  /** The bucket bounds of oversight.internal.Durations (seconds). */
  private static final long[] BOUNDS = {
      0, 5 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 4 * H, 6 * H, 8 * H, 12 * H, 18 * H,
      D, 2 * D, 3 * D, 4 * D, 5 * D, 6 * D, 7 * D, 10 * D, 14 * D, 21 * D, 30 * D, 45 * D, 60 * D,
      90 * D, 120 * D, 180 * D, 270 * D, 365 * D, 545 * D, 730 * D};

  private OversightScenario() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Arrays.stream(args).filter(a -> a.startsWith("--")).map(a -> a.substring(2).split("=", 2))
        .collect(Collectors.toMap(a -> a[0], a -> a.length > 1 ? a[1] : "true"));
    long orgs = Long.parseLong(o.getOrDefault("orgs", "30000"));
    long findings = Long.parseLong(o.getOrDefault("findings", "10000000"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "30"));
    String db = "haetae_oversight_" + Long.toHexString(System.nanoTime());
    try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", PG_USER, "")) {
      c.createStatement().execute("CREATE DATABASE " + db);
    }
    Path dataDir = Files.createTempDirectory("haetae-oversight");
    int port = freePort();
    Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + db, "spring.datasource.username", PG_USER,
        "spring.datasource.password", "", "haetae.data-dir", dataDir.toString(), "server.port", Integer.toString(port),
        "logging.level.io.haetae", "WARN", "haetae.oversight.sweep-delay", "PT24H").forEach(System::setProperty);
    try (var context = new SpringApplicationBuilder(HaetaeApplication.class).run()) {
      var jdbc = context.getBean(JdbcClient.class);
      String key = context.getBean(OrganisationService.class)
          .create("Bench CERT", "operator@bench.test", "government", true).apiKey();
      long t0 = System.nanoTime();
      generate(jdbc, orgs, findings);
      System.out.printf("generated %,d organisations and %,d findings' projection rows in %.0f s%n", orgs, findings,
          (System.nanoTime() - t0) / 1e9);
      System.out.println("oversight_finding: " + jdbc.sql("SELECT pg_size_pretty(pg_total_relation_size('oversight_finding'))")
          .query(String.class).single() + ", oversight_sector_duration rows: "
          + jdbc.sql("SELECT COUNT(*) FROM oversight_sector_duration").query(Long.class).single());
      var http = HttpClient.newHttpClient();
      for (String query : List.of("", "?from=" + java.time.LocalDate.now().minusDays(364), "?sector=sector-7")) {
        var times = new ArrayList<Double>();
        String body = null;
        for (int i = 0; i < runs + 5; i++) {
          long s = System.nanoTime();
          var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/oversight/summary" + query))
              .header("X-Api-Key", key).build(), HttpResponse.BodyHandlers.ofString());
          double ms = (System.nanoTime() - s) / 1e6;
          if (res.statusCode() != 200) throw new IllegalStateException(res.statusCode() + " " + res.body());
          if (i >= 5) times.add(ms);
          body = res.body();
        }
        times.sort(Double::compare);
        System.out.printf("GET /api/v1/oversight/summary%s: median %.1f ms, p90 %.1f ms, max %.1f ms (%d runs after 5 warm-up)%n",
            query, times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.9) - 1), times.getLast(), runs);
        System.out.println("  " + body.substring(0, Math.min(300, body.length())) + "…");
      }
      System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      if (!o.containsKey("keep")) {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", PG_USER, "")) {
          c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
      }
    }
  }

  private static void generate(JdbcClient jdbc, long orgs, long findings) {
    jdbc.sql("""
        INSERT INTO oversight_org (org_id, name, sector, ciso_email, open_critical, open_high, open_medium, open_low, open_info,
          open_unassigned, kev_open, overdue, alerts_unacked, projects, stale_projects, last_sbom_at, refreshed_at)
        SELECT md5('org' || i)::uuid, 'Organisation ' || i, 'sector-' || (i % 20), 'ciso' || i || '@bench.test',
          0, 0, 0, 0, 0, 0, 0, 0, i % 7, 3, i % 2, now() - ((i % 200) || ' days')::interval, now()
        FROM generate_series(1, :orgs) i""").param("orgs", orgs).update();
    jdbc.sql("""
        INSERT INTO oversight_finding (finding_id, org_id, project_id, advisory_id, aliases, component, installed_version,
          severity, kev, state, state_at, opened_at, due_date, published_at, notified_at, fixed_at)
        SELECT md5('f' || i)::uuid, md5('org' || (i % :orgs + 1))::uuid, md5('p' || (i % (:orgs * 3)))::uuid,
          'CVE-2026-' || (i % 50000), '', 'pkg-' || (i % 1000), '1.' || (i % 9),
          (ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO', 'UNASSIGNED'])[1 + (i % 6)], i % 50 = 0,
          CASE WHEN i % 10 < 7 THEN 'NEW' ELSE 'FIXED' END, now(),
          now() - ((i % 365) || ' days')::interval, current_date - ((i % 365)::int) + 30,
          now() - ((i % 365) || ' days')::interval - ((i % 72) || ' hours')::interval,
          now() - ((i % 365) || ' days')::interval + ((i % 5) || ' minutes')::interval,
          CASE WHEN i % 10 >= 7 THEN LEAST(now(), now() - ((i % 365) || ' days')::interval + ((i % 40) || ' days')::interval) END
        FROM generate_series(1, :findings) i""").param("orgs", orgs).param("findings", findings).update();
    jdbc.sql("""
        UPDATE oversight_org o SET open_critical = s.c, open_high = s.h, open_medium = s.m, open_low = s.l, open_info = s.i,
          open_unassigned = s.u, kev_open = s.kev, overdue = s.overdue
        FROM (SELECT org_id, SUM(CASE WHEN severity = 'CRITICAL' THEN 1 ELSE 0 END) AS c,
                SUM(CASE WHEN severity = 'HIGH' THEN 1 ELSE 0 END) AS h, SUM(CASE WHEN severity = 'MEDIUM' THEN 1 ELSE 0 END) AS m,
                SUM(CASE WHEN severity = 'LOW' THEN 1 ELSE 0 END) AS l, SUM(CASE WHEN severity = 'INFO' THEN 1 ELSE 0 END) AS i,
                SUM(CASE WHEN severity = 'UNASSIGNED' THEN 1 ELSE 0 END) AS u, SUM(CASE WHEN kev THEN 1 ELSE 0 END) AS kev,
                SUM(CASE WHEN due_date < current_date THEN 1 ELSE 0 END) AS overdue
              FROM oversight_finding WHERE state IN ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS') GROUP BY org_id) s
        WHERE o.org_id = s.org_id""").update();
    String bounds = "ARRAY[" + Arrays.stream(BOUNDS).mapToObj(Long::toString).collect(Collectors.joining(",")) + "]::double precision[]";
    for (String t : List.of("org", "sector")) {
      String key = t.equals("org") ? "f.org_id" : "o.sector";
      jdbc.sql("INSERT INTO oversight_" + t + "_duration SELECT " + key + ", 'FIX', (f.fixed_at AT TIME ZONE 'Asia/Seoul')::date,"
          + " width_bucket(EXTRACT(EPOCH FROM f.fixed_at - f.notified_at), " + bounds + ") - 1, COUNT(*)"
          + " FROM oversight_finding f JOIN oversight_org o ON o.org_id = f.org_id WHERE f.state = 'FIXED' GROUP BY 1, 2, 3, 4").update();
      jdbc.sql("INSERT INTO oversight_" + t + "_duration SELECT " + key + ", 'NOTIFY', (f.notified_at AT TIME ZONE 'Asia/Seoul')::date,"
          + " width_bucket(GREATEST(0, EXTRACT(EPOCH FROM f.notified_at - f.published_at)), " + bounds + ") - 1, COUNT(*)"
          + " FROM oversight_finding f JOIN oversight_org o ON o.org_id = f.org_id GROUP BY 1, 2, 3, 4").update();
      jdbc.sql("INSERT INTO oversight_" + t + "_sla SELECT " + key + ", f.due_date, COUNT(*),"
          + " SUM(CASE WHEN f.state = 'FIXED' AND (f.fixed_at AT TIME ZONE 'Asia/Seoul')::date <= f.due_date THEN 1 ELSE 0 END)"
          + " FROM oversight_finding f JOIN oversight_org o ON o.org_id = f.org_id GROUP BY 1, 2").update();
    }
    jdbc.sql("""
        INSERT INTO oversight_sector_day (sector, on_day, open_critical, open_high, kev_open, overdue)
        SELECT sector, current_date - d, SUM(open_critical) + d, SUM(open_high) + 2 * d, SUM(kev_open), SUM(overdue)
        FROM oversight_org CROSS JOIN generate_series(0, 364) d GROUP BY sector, d""").update();
    jdbc.sql("ANALYZE").update();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
