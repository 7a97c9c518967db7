package io.haetae.bench;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryImporter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A national inventory in the real schema (issue 17, part 6): after Flyway and the corpus
 * import, {@code rows} inventory components in projects of 200 written by SQL
 * ({@code generate_series}), with one finding for every tenth component. Packages: 45% from the
 * corpus's package index, popular ones far more often (rank = K * u^3, the packages with most
 * advisories first); 5% from 1,000 synthetic PyPI packages {@code bench-popular-N}
 * (rank = 1000 * u^2: N=0 is held about 16,000 times, N=100 about 800 times); 50% npm packages
 * no advisory names. Projects belong to {@value #ORGS} real organisations (the alert path looks
 * each up). Then the reverse path: the holder query by (ecosystem, package name) for packages
 * of several popularities, and a new advisory imported until its findings are stored.
 */
final class LargeInventory {

  static final int ORGS = 300;
  private static final int PER_PROJECT = 200;

  private final ConfigurableApplicationContext hub;
  private final JdbcClient jdbc;
  private final long rows;

  LargeInventory(ConfigurableApplicationContext hub, long rows) {
    this.hub = hub;
    this.jdbc = hub.getBean(JdbcClient.class);
    this.rows = rows;
  }

  void fill() {
    long start = System.nanoTime();
    jdbc.sql("""
        CREATE TABLE bench_package AS SELECT (ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, ecosystem, package_name)) - 1 AS rank,
          ecosystem, package_name FROM knowledge_package GROUP BY ecosystem, package_name""").update();
    long packages = jdbc.sql("SELECT COUNT(*) FROM bench_package").query(Long.class).single();
    jdbc.sql("CREATE TABLE bench_org (n INT PRIMARY KEY, id UUID NOT NULL)").update();
    var orgs = new ArrayList<UUID>();
    for (int o = 0; o < ORGS; o++) {
      orgs.add(hub.getBean(OrganisationService.class).create("Scale org " + o + " " + UUID.randomUUID(), "ciso" + o + "@scale.bench", "finance", false)
          .organisation().id());
    }
    for (int o = 0; o < ORGS; o++) jdbc.sql("INSERT INTO bench_org VALUES (:n, :id)").param("n", o).param("id", orgs.get(o)).update();
    long projects = (rows + PER_PROJECT - 1) / PER_PROJECT;
    jdbc.sql("""
        INSERT INTO inventory_project (id, org_id, name, version, created_at, last_bom_at)
        SELECT md5('p' || p)::uuid, o.id, 'scale-app-' || p, '1', now(), now()
        FROM generate_series(0, :projects - 1) p JOIN bench_org o ON o.n = p % :orgs""")
        .param("projects", projects).param("orgs", ORGS).update();
    // The bench's rows are consistent by construction (projects first, organisations that exist):
    // PostgreSQL's foreign-key triggers are off for this one transaction, which otherwise spent
    // more than ten minutes checking project_id row by row. The schema and its indexes stay as the hub has them.
    new TransactionTemplate(hub.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
      jdbc.sql("SET LOCAL session_replication_role = replica").update();
      jdbc.sql("""
          INSERT INTO inventory_component (id, project_id, org_id, name, version, purl, ecosystem, package_name)
          SELECT md5('c' || r.i)::uuid, md5('p' || (r.i / :per))::uuid, o.id, k.name, k.version,
            CASE k.ecosystem WHEN 'PYPI' THEN 'pkg:pypi/' WHEN 'CRATES_IO' THEN 'pkg:cargo/' WHEN 'GO' THEN 'pkg:golang/'
              WHEN 'NPM' THEN 'pkg:npm/' WHEN 'MAVEN' THEN 'pkg:maven/' ELSE 'pkg:generic/' END
              || replace(k.name, ':', '/') || '@' || k.version, k.ecosystem, k.name
          FROM (SELECT i, random() AS u, random() AS w FROM generate_series(0, :rows - 1) i) r
          JOIN bench_org o ON o.n = (r.i / :per) % :orgs
          LEFT JOIN bench_package b ON r.u < 0.45 AND b.rank = floor(:packages * power(r.w, 3))::bigint
          CROSS JOIN LATERAL (SELECT
              CASE WHEN r.u < 0.45 THEN b.ecosystem WHEN r.u < 0.5 THEN 'PYPI' ELSE 'NPM' END AS ecosystem,
              CASE WHEN r.u < 0.45 THEN b.package_name WHEN r.u < 0.5 THEN 'bench-popular-' || floor(1000 * power(r.w, 2))::int
                ELSE 'bench-unlisted-' || (r.i % 2000000) END AS name,
              CASE WHEN r.u < 0.5 AND r.u >= 0.45 THEN '1.0.0' ELSE '1.' || (r.i % 7) || '.' || (r.i % 13) END AS version) k""")
          .param("rows", rows).param("per", PER_PROJECT).param("orgs", ORGS).param("packages", packages).update();
      jdbc.sql("""
          INSERT INTO findings_finding (id, finding_key, org_id, project_id, component_key, component_name, component_version,
            component_purl, advisory_id, aliases, title, severity, verdict, state, analysis_id, created_at, state_changed_at)
          SELECT md5('f' || c.id)::uuid, md5('fk' || c.id), c.org_id, c.project_id, c.purl, c.name, c.version, c.purl,
            'SCALE-' || (abs(hashtext(c.package_name)) % 20000), '', 'scale benchmark finding',
            (ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'])[1 + abs(hashtext(c.name)) % 4], 'AFFECTED',
            CASE WHEN abs(hashtext(c.id::text)) % 10 < 7 THEN 'NEW' ELSE 'FIXED' END, md5('a')::uuid, now(), now()
          FROM inventory_component c WHERE c.ecosystem <> 'NPM' AND abs(hashtext(c.id::text)) % 5 = 0""").update();
    });
    jdbc.sql("ANALYZE").update();
    System.out.printf(Locale.ROOT, "filled: %,d components in %,d projects of %d organisations (%,d corpus packages), %,d findings in %.0f s [load %s]%n",
        count("inventory_component"), count("inventory_project"), ORGS, packages, count("findings_finding"),
        (System.nanoTime() - start) / 1e9, SpineScenario.load());
  }

  /**
   * The holder query of the reverse path (InventoryService.componentsOf, what the analyser asks
   * for every package an import batch names) for packages of several popularities, 7 runs each;
   * its plan; then a new advisory for a synthetic package, timed until its findings are stored.
   */
  void reversePath() throws Exception {
    var inventory = hub.getBean(InventoryService.class);
    var probes = new ArrayList<PackageKey>();
    for (int rank : new int[] {0, 10, 100, 1000}) {
      jdbc.sql("SELECT ecosystem, package_name FROM bench_package WHERE rank = :r").param("r", rank)
          .query((rs, n) -> new PackageKey(Ecosystem.valueOf(rs.getString(1)), rs.getString(2))).optional().ifPresent(probes::add);
    }
    for (int n : new int[] {0, 10, 100}) probes.add(new PackageKey(Ecosystem.PYPI, "bench-popular-" + n));
    for (PackageKey key : probes) {
      var times = new ArrayList<Double>();
      int found = 0;
      for (int run = 0; run < 7; run++) {
        long start = System.nanoTime();
        found = inventory.componentsOf(List.of(key)).size();
        times.add((System.nanoTime() - start) / 1e6);
      }
      times.sort(null);
      System.out.printf(Locale.ROOT, "holders of %s: %,d components, median %.1f ms, max %.1f ms (7 runs) [load %s]%n",
          key, found, times.get(3), times.getLast(), SpineScenario.load());
    }
    var top = probes.getFirst();
    System.out.println("plan of the holder query for " + top + ":");
    jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM inventory_component WHERE ecosystem = :e AND package_name IN (:n)")
        .param("e", top.ecosystem().name()).param("n", List.of(top.name())).query(String.class).list()
        .forEach(line -> System.out.println("  " + line));
    for (int n : new int[] {100, 10}) newAdvisoryFor("bench-popular-" + n);
  }

  private void newAdvisoryFor(String pkg) throws Exception {
    long holders = jdbc.sql("SELECT COUNT(*) FROM inventory_component WHERE ecosystem = 'PYPI' AND package_name = :n")
        .param("n", pkg).query(Long.class).single();
    // A project holding the same purl twice has one finding for it (the finding key is per project and component).
    long expected = jdbc.sql("""
        SELECT COUNT(*) FROM (SELECT DISTINCT project_id, purl FROM inventory_component
        WHERE ecosystem = 'PYPI' AND package_name = :n) d""").param("n", pkg).query(Long.class).single();
    String id = "SCALE-REVERSE-" + pkg;
    var file = Files.createTempFile("scale-reverse", ".json");
    Files.writeString(file, """
        {"id":"%s","modified":"%s","summary":"scale benchmark advisory",
         "affected":[{"package":{"ecosystem":"PyPI","name":"%s"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0.1"}]}]}]}
        """.formatted(id, Instant.now(), pkg));
    long start = System.nanoTime();
    hub.getBean(AdvisoryImporter.class).importOsv(file);
    long stored;
    do {
      Thread.sleep(5);
      stored = jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE advisory_id = :id").param("id", id).query(Long.class).single();
    } while (stored < expected && (System.nanoTime() - start) < 600e9);
    double toFindings = (System.nanoTime() - start) / 1e9;
    SpineScenario.awaitDrained(hub);
    System.out.printf(Locale.ROOT, "new advisory for %s: %,d holders (%,d distinct per project), %,d findings stored in %.2f s, alerts of %,d organisations done in %.2f s [load %s]%n",
        pkg, holders, expected, stored, toFindings, jdbc.sql("SELECT COUNT(DISTINCT org_id) FROM findings_finding WHERE advisory_id = :id")
            .param("id", id).query(Long.class).single(), (System.nanoTime() - start) / 1e9, SpineScenario.load());
  }

  /** Heap and index sizes of the large tables. */
  void sizes() {
    jdbc.sql("""
        SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)), c.reltuples::bigint FROM pg_class c
        WHERE c.relname LIKE 'inventory_component%' OR c.relname LIKE 'findings_finding%' ORDER BY c.relname""")
        .query((rs, n) -> String.format(Locale.ROOT, "%-40s %10s %,14d rows", rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list().forEach(System.out::println);
    System.out.println("database: " + jdbc.sql("SELECT pg_size_pretty(pg_database_size(current_database()))").query(String.class).single());
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }
}
