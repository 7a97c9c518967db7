package io.haetae.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.ImportSummary;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The spine end to end, in process, on a real database: the whole OSV corpus imported, one
 * 1,000-component SBOM uploaded and analysed, then 1,000 stored SBOMs and one new advisory that
 * reaches every affected organisation's CISO by mail (GreenMail on a free port).
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.haetae.bench.SpineScenario \
 *     [--db=h2|postgres] [--corpus=../shared/corpora/osv] [--sboms=1000] [--orgs=100] [--forward=21]
 *     [--fill=10000000: then that many inventory rows (LargeInventory) and the forward and reverse paths again]
 *     [--primed: an SBOM no advisory names uploaded before the import, so the process is warm]
 *     [--haetae.x=y ...: hub settings, e.g. --haetae.knowledge.parsed-cache=0 for the code path without the cache]
 * </pre>
 */
public final class SpineScenario {

  /** The local PostgreSQL's role (trust auth); HAETAE_BENCH_PGUSER overrides. */
  private static final String PG_USER = System.getenv().getOrDefault("HAETAE_BENCH_PGUSER", "postgres");

  private final Options options;
  private final Random random = new Random(42);

  private SpineScenario(Options options) {
    this.options = options;
  }

  record Options(String db, Path corpus, int sboms, int orgs, int bigSbom, int forward, long fill, boolean primed, List<String> hubArgs) {
    static Options parse(String[] args) {
      String db = "h2";
      Path corpus = Path.of("../shared/corpora/osv");
      int sboms = 1000, orgs = 100, big = 1000, forward = 21;
      long fill = 0;
      boolean primed = false;
      var hubArgs = new java.util.ArrayList<String>();
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--db=")) db = v;
        else if (a.startsWith("--corpus=")) corpus = Path.of(v);
        else if (a.startsWith("--sboms=")) sboms = Integer.parseInt(v);
        else if (a.startsWith("--orgs=")) orgs = Integer.parseInt(v);
        else if (a.startsWith("--components=")) big = Integer.parseInt(v);
        else if (a.startsWith("--forward=")) forward = Integer.parseInt(v);
        else if (a.startsWith("--fill=")) fill = Long.parseLong(v);
        else if (a.equals("--primed")) primed = true;
        else if (a.startsWith("--haetae.") || a.startsWith("--spring.")) hubArgs.add(a);
        else throw new IllegalArgumentException("unknown option " + a);
      }
      if (!db.equals("h2") && !db.equals("postgres")) throw new IllegalArgumentException("--db is h2 or postgres");
      if (!Files.exists(corpus)) throw new IllegalArgumentException("corpus not found: " + corpus.toAbsolutePath());
      if (fill > 0 && !db.equals("postgres")) throw new IllegalArgumentException("--fill needs --db=postgres");
      return new Options(db, corpus, sboms, orgs, big, forward, fill, primed, List.copyOf(hubArgs));
    }
  }

  public static void main(String[] args) throws Exception {
    new SpineScenario(Options.parse(args)).run();
  }

  private void run() throws Exception {
    Path dataDir = Files.createTempDirectory("haetae-spine");
    String pgDatabase = options.db().equals("postgres") ? "haetae_spine_" + Long.toHexString(System.nanoTime()) : null;
    String url = pgDatabase != null ? createPostgres(pgDatabase)
        : "jdbc:h2:file:" + dataDir + "/haetae;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    int smtpPort = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    var args = new java.util.ArrayList<String>(List.of(
        "--server.port=0", "--haetae.data-dir=" + dataDir, "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + (pgDatabase != null ? PG_USER : "sa"),
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
        "--logging.level.io.haetae=WARN"));
    args.addAll(options.hubArgs());
    try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HaetaeApplication.class).run(args.toArray(String[]::new))) {
      System.out.printf(Locale.ROOT, "database: %s, corpus: %s, hub settings: %s%n", options.db(), options.corpus(), options.hubArgs());
      List<String> pool = ComponentPool.from(options.corpus(), new OsvSource());
      if (options.primed()) uploadBeforeTheImport(hub);
      importCorpus(hub);
      System.out.printf(Locale.ROOT, "component pool: %,d real package versions from the corpus%n", pool.size());
      uploadOneLargeSbom(hub, smtp, pool);
      if (options.forward() > 0) forwardPath(hub, smtp, pool);
      if (options.fill() > 0) {
        var large = new LargeInventory(hub, options.fill());
        large.fill();
        if (options.forward() > 0) forwardPath(hub, smtp, pool);
        large.reversePath();
        large.sizes();
      }
      if (options.sboms() > 0) advisoryToLastDigest(hub, smtp, pool, dataDir);
    } finally {
      smtp.stop();
      if (pgDatabase != null) dropPostgres(pgDatabase);
    }
  }

  private void importCorpus(ConfigurableApplicationContext hub) {
    long start = System.nanoTime();
    ImportSummary summary = hub.getBean(AdvisoryImporter.class).importOsv(options.corpus());
    double seconds = seconds(start);
    System.out.printf(Locale.ROOT, "import: %,d records in %.1f s = %,.0f advisories/s (%s)%n",
        summary.read(), seconds, summary.read() / seconds, summary);
    awaitDrained(hub);
  }

  /**
   * With {@code --primed}: an SBOM as large as the all-affected one uploaded before the import,
   * as a running hub has served uploads before an import comes; the first upload after the
   * import then meets a warm process (schemas loaded, storing compiled) and cold knowledge:
   * every advisory and range met for the first time.
   */
  private void uploadBeforeTheImport(ConfigurableApplicationContext hub) {
    NewOrganisation org = hub.getBean(OrganisationService.class)
        .create("Spine primer " + UUID.randomUUID(), "primer@spine.bench", "energy", false);
    InventoryService inventory = hub.getBean(InventoryService.class);
    Caller caller = caller(org);
    long start = System.nanoTime();
    var upload = inventory.importSbom(caller, new InventoryService.Target(null, "before the import", "1", true),
        CycloneDx.bom(primer()), "bom.json");
    await(() -> !inventory.upload(caller, upload.token()).orElseThrow().processing());
    System.out.printf(Locale.ROOT, "upload before the import (no advisory known): %.2f s [load %s]%n", seconds(start), load());
    awaitDrained(hub);
  }

  /**
   * The all-affected SBOM, twice: first right after the import (every advisory parsed, every
   * range prepared for the first time), then the same SBOM as another project of the same
   * organisation on the now warm hub.
   */
  private void uploadOneLargeSbom(ConfigurableApplicationContext hub, GreenMail smtp, List<String> pool) {
    NewOrganisation org = hub.getBean(OrganisationService.class)
        .create("Spine large " + UUID.randomUUID(), "large@spine.bench", "energy", false);
    InventoryService inventory = hub.getBean(InventoryService.class);
    Caller caller = caller(org);
    byte[] bom = CycloneDx.bom(sample(pool, options.bigSbom()));
    for (String when : List.of("first after the import", "again, warm")) {
      long start = System.nanoTime();
      var upload = inventory.importSbom(caller, new InventoryService.Target(null, "large " + when, "1", true), bom, "bom.json");
      await(() -> !inventory.upload(caller, upload.token()).orElseThrow().processing());
      double seconds = seconds(start);
      var done = inventory.upload(caller, upload.token()).orElseThrow();
      System.out.printf(Locale.ROOT, "upload to findings (%s): %,d components, %,d findings in %.2f s (analysis itself %d ms) [load %s]%n",
          when, done.components(), done.findings(), seconds, done.tookMs(), load());
      awaitDrained(hub);
    }
    smtp.reset();
  }

  /**
   * The forward path as inventories look: 1,000 components of which 5% are affected versions
   * from the corpus, 45% packages the corpus knows at versions above every range (looked up and
   * evaluated, nothing found) and 50% packages no advisory names. Each upload is a new project of
   * one organisation on a warm hub; prints median and 90th percentile of upload to findings.
   */
  private void forwardPath(ConfigurableApplicationContext hub, GreenMail smtp, List<String> pool) {
    NewOrganisation org = hub.getBean(OrganisationService.class)
        .create("Spine forward " + UUID.randomUUID(), "forward-" + UUID.randomUUID() + "@spine.bench", "energy", false);
    InventoryService inventory = hub.getBean(InventoryService.class);
    Caller caller = caller(org);
    var times = new java.util.ArrayList<Double>();
    var findings = new java.util.ArrayList<Integer>();
    var analysis = new java.util.ArrayList<Long>();
    var storing = new java.util.ArrayList<Double>();
    for (int run = 0; run < options.forward(); run++) {
      var purls = new java.util.ArrayList<String>(sample(pool, 50));
      for (String p : sample(pool, 450)) {
        purls.add(p.substring(0, p.lastIndexOf('@')) + (p.startsWith("pkg:golang/") ? "@v999.0." : "@999.0.") + run);
      }
      for (int i = purls.size(); i < 1000; i++) purls.add("pkg:npm/bench-unlisted-" + run + "-" + i + "@1.0." + i);
      byte[] bom = CycloneDx.bom(purls);
      long start = System.nanoTime();
      var upload = inventory.importSbom(caller, new InventoryService.Target(null, "forward-" + run, "1", true), bom, "bom.json");
      double stored = (System.nanoTime() - start) / 1e6;
      await(() -> !inventory.upload(caller, upload.token()).orElseThrow().processing());
      double ms = (System.nanoTime() - start) / 1e6;
      var done = inventory.upload(caller, upload.token()).orElseThrow();
      if (run > 0) { // the first run warms this shape up
        times.add(ms);
        storing.add(stored);
        analysis.add(done.tookMs());
      }
      findings.add(done.findings());
      awaitDrained(hub);
    }
    times.sort(null);
    analysis.sort(null);
    storing.sort(null);
    System.out.printf(Locale.ROOT, "forward path, 1,000 components, 5%% affected: median %.0f ms, p90 %.0f ms, min %.0f ms over %d uploads"
        + " (upload stored: median %.0f ms; analysis itself: median %d ms) (findings per upload %s) [load %s]%n", times.get(times.size() / 2),
        times.get((int) Math.ceil(times.size() * 0.9) - 1), times.getFirst(), times.size(), storing.get(storing.size() / 2), analysis.get(analysis.size() / 2), findings.stream().mapToInt(Integer::intValue).summaryStatistics(), load());
    smtp.reset();
  }

  static String load() {
    return Scenarios.load();
  }

  private void advisoryToLastDigest(ConfigurableApplicationContext hub, GreenMail smtp, List<String> pool, Path dir)
      throws Exception {
    var orgs = hub.getBean(OrganisationService.class);
    InventoryService inventory = hub.getBean(InventoryService.class);
    String victim = "pkg:pypi/spine-bench-victim@1.0.0";
    long start = System.nanoTime();
    double cpu = Scenarios.cpuSeconds();
    for (int o = 0; o < options.orgs(); o++) {
      NewOrganisation org = orgs.create("Spine org " + o + " " + UUID.randomUUID(), "ciso" + o + "@spine.bench", "finance", false);
      for (int p = 0; p < options.sboms() / options.orgs(); p++) {
        List<String> purls = new java.util.ArrayList<>(sample(pool, 49));
        if (p == 0) purls.add(victim);
        inventory.importSbom(caller(org), new InventoryService.Target(null, "app-" + p, "1", true),
            CycloneDx.bom(purls), "bom.json");
      }
    }
    awaitDrained(hub);
    System.out.printf(Locale.ROOT, "stored: %,d SBOMs of 50 components for %,d organisations in %.1f s (process CPU %.0f s) [load %s]%n",
        options.sboms(), options.orgs(), seconds(start), Scenarios.cpuSeconds() - cpu, load());
    smtp.reset();

    Path advisory = dir.resolve("SPINE-BENCH-1.json");
    Files.writeString(advisory, """
        {"id":"SPINE-BENCH-1","modified":"%s","summary":"spine benchmark advisory",
         "affected":[{"package":{"ecosystem":"PyPI","name":"spine-bench-victim"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0.1"}]}]}]}
        """.formatted(Instant.now()));
    start = System.nanoTime();
    cpu = Scenarios.cpuSeconds();
    hub.getBean(AdvisoryImporter.class).importOsv(advisory);
    JdbcClient jdbc = hub.getBean(JdbcClient.class);
    await(() -> smtp.getReceivedMessages().length >= options.orgs(), () -> "digests received: "
        + smtp.getReceivedMessages().length + " of " + options.orgs() + "; open event publications: "
        + jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single());
    System.out.printf(Locale.ROOT, "advisory to last digest: %,d digests (one per organisation) in %.2f s (process CPU %.1f s) [load %s]%n",
        smtp.getReceivedMessages().length, seconds(start), Scenarios.cpuSeconds() - cpu, load());
  }

  /**
   * As many components as the all-affected SBOM, of packages no advisory names: the primer warms
   * the process, not the knowledge (the reverse path finds nothing of it to evaluate after the import).
   */
  private List<String> primer() {
    var purls = new java.util.ArrayList<String>(options.bigSbom());
    for (int i = 0; i < options.bigSbom(); i++) purls.add("pkg:npm/spine-primer-" + i + "@1.0." + i);
    return purls;
  }

  private List<String> sample(List<String> pool, int n) {
    var picked = new java.util.LinkedHashSet<String>();
    while (picked.size() < Math.min(n, pool.size())) picked.add(pool.get(random.nextInt(pool.size())));
    return List.copyOf(picked);
  }

  private static Caller caller(NewOrganisation org) {
    return new Caller(org.organisation().id(), org.organisation().name(), "bench", Role.CISO);
  }

  /** Waits until every event publication is handled, so one phase does not bleed into the next. */
  static void awaitDrained(ConfigurableApplicationContext hub) {
    JdbcClient jdbc = hub.getBean(JdbcClient.class);
    await(() -> jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
        .query(Long.class).single() == 0);
  }

  private static void await(BooleanSupplier done) {
    await(done, () -> "");
  }

  private static void await(BooleanSupplier done, java.util.function.Supplier<String> state) {
    Instant limit = Instant.now().plus(Duration.ofMinutes(10));
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(limit)) throw new IllegalStateException("scenario step did not finish in 10 minutes " + state.get());
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String createPostgres(String name) throws SQLException {
    try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", PG_USER, "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?reWriteBatchedInserts=true";
  }

  private static void dropPostgres(String name) throws SQLException {
    try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", PG_USER, "")) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
