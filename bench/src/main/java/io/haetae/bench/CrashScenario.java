package io.haetae.bench;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryImporter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The hub killed with SIGKILL in the middle of its work, again and again (issue 17, part 2). The
 * hub runs as {@code haetae serve} in a child process ({@link HubProcess}) on a scratch PostgreSQL
 * database, with a counting SMTP server ({@link SmtpSink}) in this one. Each round interrupts, at
 * a random moment, three kinds of work and then starts the hub again on the same port:
 *
 * <ol>
 *   <li><b>import</b>: an OSV file of {@code --import} advisories posted to the import API, killed
 *       once a random number of them is stored. The client that got no answer posts it again
 *       after the restart, as a feed sync would.
 *   <li><b>sbom</b>: a {@code --components} SBOM uploaded over the Dependency-Track API, of which
 *       {@code --affected} components have an advisory; retried when it got no token.
 *   <li><b>fan-out</b>: one new advisory for a package every one of {@code --orgs} organisations
 *       holds; the kill comes after a random number of the alert mails has arrived.
 * </ol>
 * and, without a kill, cuts every database connection of the hub while SBOMs are being uploaded
 * ({@code pg_terminate_backend}; with {@code --pg-restart} PostgreSQL itself is restarted instead).
 *
 * <p>After each fault it checks what must hold: no advisory stored without its package rows, the
 * import complete after the retry; every upload analysed, its findings and components there once;
 * every organisation has exactly one alert for the new advisory and received exactly one distinct
 * Message-ID for it (a resend after a crash between the mail server's acceptance and the commit
 * is counted: it carries the same Message-ID); every event publication completed. Each violation
 * is reported with the round and fault. The test suite runs one small round
 * ({@code CrashScenarioTest}); {@code BENCHMARKS.md} has the long run.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.haetae.bench.CrashScenario \
 *     [--rounds=20] [--orgs=2000] [--import=3000] [--components=1000] [--affected=50] [--smtp-delay-ms=0] [--pg-restart]
 *     [--faults=import,sbom,fan-out,database]
 * </pre>
 */
public final class CrashScenario {

  /** How the hub is run: faults are recovered by the restart and by the redelivery job at this interval. */
  static final Duration REDELIVERY = Duration.ofSeconds(15);
  private static final Pattern ALERT_ID = Pattern.compile("<[0-9a-f-]{36}\\.[0-9a-f-]{36}@haetae>");

  public record Options(int rounds, int orgs, int importSize, int components, int affected, long smtpDelayMs,
      boolean pgRestart, long seed, Set<String> faults) {
    /** The four faults, in the order each round runs them. */
    public static final List<String> ALL_FAULTS = List.of("import", "sbom", "fan-out", "database");

    public Options {
      if (!ALL_FAULTS.containsAll(faults) || faults.isEmpty())
        throw new IllegalArgumentException("--faults takes a comma-separated subset of " + String.join(",", ALL_FAULTS) + ", not " + faults);
      faults = Set.copyOf(faults);
    }

    static Options parse(String[] args) {
      int rounds = 20, orgs = 2000, importSize = 3000, components = 1000, affected = 50;
      long delay = 0, seed = 17;
      boolean pgRestart = false;
      Set<String> faults = Set.copyOf(ALL_FAULTS);
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--rounds=")) rounds = Integer.parseInt(v);
        else if (a.startsWith("--orgs=")) orgs = Integer.parseInt(v);
        else if (a.startsWith("--import=")) importSize = Integer.parseInt(v);
        else if (a.startsWith("--components=")) components = Integer.parseInt(v);
        else if (a.startsWith("--affected=")) affected = Integer.parseInt(v);
        else if (a.startsWith("--smtp-delay-ms=")) delay = Long.parseLong(v);
        else if (a.startsWith("--seed=")) seed = Long.parseLong(v);
        else if (a.startsWith("--faults=")) faults = Set.copyOf(List.of(v.split(",")));
        else if (a.equals("--pg-restart")) pgRestart = true;
        else throw new IllegalArgumentException("unknown option " + a);
      }
      if (affected > components) throw new IllegalArgumentException("--affected must not exceed --components");
      return new Options(rounds, orgs, importSize, components, affected, delay, pgRestart, seed, faults);
    }
  }

  /** One fault: where the kill landed, the seconds from the restart until all work was done again, what went wrong. */
  public record Outcome(int round, String fault, String landed, double recoverySeconds, int resends, List<String> violations) {}

  private final Options options;
  private final Random random;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Outcome> outcomes = new ArrayList<>();
  private ScratchDatabase db;
  private SmtpSink sink;
  private HubProcess hub;
  private Path work;
  private String operatorKey;
  private String uploaderKey;
  private UUID uploaderOrg;
  private Map<UUID, String> fanOrgs;
  private double cleanImportSeconds;
  private double cleanUploadSeconds;

  private CrashScenario(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  public static void main(String[] args) throws Exception {
    List<Outcome> outcomes = run(Options.parse(args));
    System.exit(outcomes.stream().allMatch(o -> o.violations().isEmpty()) ? 0 : 1);
  }

  /** Runs every round on a scratch PostgreSQL database and returns one outcome per fault. */
  public static List<Outcome> run(Options options) throws Exception {
    return new CrashScenario(options).runAll();
  }

  private List<Outcome> runAll() throws Exception {
    work = Files.createTempDirectory("haetae-crash");
    try (var database = ScratchDatabase.create("postgres", "haetae_crash", work);
         var mail = new SmtpSink(options.smtpDelayMs()).keepLog()) {
      db = database;
      sink = mail;
      System.out.printf(Locale.ROOT, "kill -9 scenario: %s [load %s]%n", options, Scenarios.load());
      setUp();
      var settings = new ArrayList<>(db.springArgs());
      settings.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sink.port(),
          "--haetae.redelivery.interval=" + REDELIVERY, "--logging.level.io.haetae=WARN",
          // Takeovers and retried lost outcomes, with their counts, in the hub's log.
          "--logging.level.io.haetae.server.cluster=INFO"));
      try (var process = new HubProcess(work, settings)) {
        hub = process;
        System.out.printf(Locale.ROOT, "hub started in %.1f s [load %s]%n", hub.start(), Scenarios.load());
        warmUp();
        for (int round = 1; round <= options.rounds(); round++) {
          if (runs("import")) record(importKilled(round));
          if (runs("sbom")) record(sbomKilled(round));
          if (runs("fan-out")) record(fanOutKilled(round));
          if (runs("database")) record(connectionsCut(round, options.pgRestart() && round == options.rounds()));
        }
      }
      summarise();
      return List.copyOf(outcomes);
    }
  }

  private boolean runs(String fault) {
    return options.faults().contains(fault);
  }

  private void record(Outcome outcome) {
    outcomes.add(outcome);
    System.out.printf(Locale.ROOT, "round %2d %-8s %-46s recovered in %5.1f s, resends %d, violations %s [load %s]%n",
        outcome.round(), outcome.fault(), outcome.landed(), outcome.recoverySeconds(), outcome.resends(),
        outcome.violations().isEmpty() ? "none" : outcome.violations(), Scenarios.load());
  }

  // ---------------------------------------------------------------------------------------------
  // Set-up: organisations holding one package per round, the SBOM advisories, two API keys.

  private void setUp() throws Exception {
    long start = System.nanoTime();
    try (var context = new SpringApplicationBuilder(HaetaeApplication.class).web(WebApplicationType.NONE).run(
        "--haetae.data-dir=" + work, "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sink.port(), "--haetae.broadcast.senders=0",
        "--logging.level.io.haetae=WARN")) {
      var organisations = context.getBean(OrganisationService.class);
      operatorKey = organisations.create("Crash CERT", "cert@crash.bench", null, true).apiKey();
      var uploader = organisations.create("Crash uploader", "uploader@crash.bench", "energy", false);
      uploaderKey = uploader.apiKey();
      uploaderOrg = uploader.organisation().id();
      var csv = new StringBuilder("name,ciso_email,sector,size,domains\n");
      for (int i = 0; i < options.orgs(); i++) csv.append("Crash org ").append(i).append(",ciso").append(i).append("@crash.bench,energy,small,\n");
      context.getBean(OrganisationImport.class).importCsv("bench", csv.toString().getBytes(StandardCharsets.UTF_8));
      fanOrgs = fanOrganisations();
      var inventory = context.getBean(InventoryService.class);
      var held = new ArrayList<String>();
      for (int r = 1; r <= options.rounds(); r++) held.add("pkg:pypi/crash-fan-" + r + "@1.0.0");
      byte[] bom = CycloneDx.bom(held);
      fanOrgs.forEach((id, email) -> inventory.importSbom(new Caller(id, email, "bench", Role.CISO),
          new InventoryService.Target(null, "service", "1", true), bom, "bom.json"));
      Path advisories = work.resolve("sbom-advisories.jsonl");
      var lines = new ArrayList<String>();
      for (int j = 0; j < options.affected(); j++) lines.add(osv("CRASH-SBOM-" + j, "crash-sbom-" + j));
      Files.write(advisories, lines);
      context.getBean(AdvisoryImporter.class).importOsv(advisories);
      Scenarios.await(Duration.ofMinutes(30), () -> openPublications() == 0, () -> openPublications() + " publications open");
    }
    System.out.printf(Locale.ROOT, "set-up: %,d organisations, each with an SBOM of %d packages, in %.1f s [load %s]%n",
        options.orgs(), options.rounds(), Scenarios.seconds(start), Scenarios.load());
  }

  private Map<UUID, String> fanOrganisations() throws SQLException {
    try (Connection c = db.connect(); var s = c.prepareStatement(
        "SELECT id, ciso_email FROM identity_organisation WHERE ciso_email LIKE 'ciso%@crash.bench'")) {
      var rs = s.executeQuery();
      var orgs = new HashMap<UUID, String>();
      while (rs.next()) orgs.put(rs.getObject(1, UUID.class), rs.getString(2));
      if (orgs.size() != options.orgs()) throw new IllegalStateException("set-up made " + orgs.size() + " organisations");
      return orgs;
    }
  }

  /** The times a clean import and upload take, so the kills can be placed inside them. */
  private void warmUp() throws Exception {
    long start = System.nanoTime();
    var answer = postImport(importFile(0));
    if (answer == null || answer.statusCode() != 200) throw new IllegalStateException("clean import failed: " + answer);
    cleanImportSeconds = Scenarios.seconds(start);
    start = System.nanoTime();
    String token = upload(0);
    Scenarios.await(Duration.ofMinutes(5), () -> processed("upload-0"), () -> "upload-0 not analysed");
    cleanUploadSeconds = Scenarios.seconds(start);
    awaitDrained(Duration.ofMinutes(5));
    System.out.printf(Locale.ROOT, "clean runs: import of %,d advisories %.2f s, upload of %,d components to findings %.2f s"
        + " (token %s) [load %s]%n", options.importSize(), cleanImportSeconds, options.components(), cleanUploadSeconds, token,
        Scenarios.load());
  }

  // ---------------------------------------------------------------------------------------------
  // Fault 1: kill -9 during an advisory import.

  private Outcome importKilled(int round) throws Exception {
    Path file = importFile(round);
    var answer = CompletableFuture.supplyAsync(() -> postImport(file));
    // The kill comes once a random number of the records is stored (whole batches of 500 commit
    // one by one), or a random moment before the first batch: a timed kill would mostly land after
    // a warm hub has answered.
    String pattern = "CRASH-IMP-" + round + "-%";
    long target = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(options.importSize() - 1);
    long before = (long) (random.nextDouble() * cleanImportSeconds * 1000 / 2);
    if (target == 0) Scenarios.sleep(before);
    else Scenarios.await(Duration.ofMinutes(5), () -> answer.isDone()
        || count("SELECT COUNT(*) FROM knowledge_advisory WHERE id LIKE ?", pattern) >= target, () -> "import stalled");
    hub.kill();
    var violations = new ArrayList<String>();
    boolean answered = answer.isDone() && answer.join() != null;
    long stored = count("SELECT COUNT(*) FROM knowledge_advisory WHERE id LIKE ?", "CRASH-IMP-" + round + "-%");
    long orphans = count("SELECT COUNT(*) FROM knowledge_advisory a WHERE a.id LIKE ? AND NOT EXISTS "
        + "(SELECT 1 FROM knowledge_package p WHERE p.advisory_id = a.id)", "CRASH-IMP-" + round + "-%");
    if (orphans > 0) violations.add(orphans + " advisories stored without their package rows");
    if (stored % 500 != 0 && stored != options.importSize()) violations.add(stored + " advisories stored: not whole batches of 500");
    String landed = answered ? "after the import was answered" : "after " + stored + " of " + options.importSize() + " stored";
    long restart = System.nanoTime();
    hub.start();
    if (!answered) {
      var again = postImport(file);
      if (again == null || again.statusCode() != 200) violations.add("the retried import failed: " + (again == null ? "no answer" : again.body()));
    }
    long after = count("SELECT COUNT(*) FROM knowledge_advisory WHERE id LIKE ?", "CRASH-IMP-" + round + "-%");
    if (after != options.importSize()) violations.add(after + " of " + options.importSize() + " advisories after the retry");
    awaitDrained(Duration.ofMinutes(10));
    return new Outcome(round, "import", landed, Scenarios.seconds(restart), 0, violations);
  }

  private Path importFile(int round) throws IOException {
    Path file = work.resolve("import-" + round + ".jsonl");
    var lines = new ArrayList<String>(options.importSize());
    for (int i = 0; i < options.importSize(); i++) lines.add(osv("CRASH-IMP-" + round + "-" + i, "crash-imp-" + round + "-" + i));
    Files.write(file, lines);
    return file;
  }

  /** Posts an OSV file to the import API; null when the hub did not answer (it was killed). */
  private HttpResponse<String> postImport(Path file) {
    try {
      return http.send(HttpRequest.newBuilder(hub.uri("/api/v1/advisories/import/osv?filename=" + file.getFileName()))
          .header("X-Api-Key", operatorKey).POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fault 2: kill -9 during an SBOM's analysis.

  private Outcome sbomKilled(int round) throws Exception {
    String project = "upload-" + round;
    var token = CompletableFuture.supplyAsync(() -> uploadQuietly(round));
    Scenarios.sleep((long) (random.nextDouble() * cleanUploadSeconds * 1000 * 1.5));
    hub.kill();
    boolean answered = token.isDone() && token.join() != null;
    long uploads = count("SELECT COUNT(*) FROM inventory_bom_upload u JOIN inventory_project p ON p.id = u.project_id "
        + "WHERE p.org_id = ? AND p.name = ?", uploaderOrg, project);
    boolean analysed = uploads > 0 && processed(project);
    String landed = uploads == 0 ? "before the upload was stored" + (answered ? " (answered?)" : "")
        : analysed ? "after the analysis" : "stored, analysis not finished";
    long restart = System.nanoTime();
    hub.start();
    var violations = new ArrayList<String>();
    if (!answered && uploadQuietly(round) == null) violations.add("the retried upload got no token");
    Scenarios.await(Duration.ofMinutes(10), () -> processed(project), () -> project + " not analysed");
    awaitDrained(Duration.ofMinutes(10));
    long components = count("SELECT COUNT(*) FROM inventory_component c JOIN inventory_project p ON p.id = c.project_id "
        + "WHERE p.org_id = ? AND p.name = ?", uploaderOrg, project);
    long findings = count("SELECT COUNT(*) FROM findings_finding f JOIN inventory_project p ON p.id = f.project_id "
        + "WHERE p.org_id = ? AND p.name = ?", uploaderOrg, project);
    long distinct = count("SELECT COUNT(*) FROM (SELECT DISTINCT f.component_key, f.advisory_id FROM findings_finding f "
        + "JOIN inventory_project p ON p.id = f.project_id WHERE p.org_id = ? AND p.name = ?) d", uploaderOrg, project);
    if (components != options.components()) violations.add(components + " components stored, not " + options.components());
    if (findings != options.affected()) violations.add(findings + " findings, not " + options.affected());
    if (distinct != findings) violations.add((findings - distinct) + " findings doubled");
    return new Outcome(round, "sbom", landed, Scenarios.seconds(restart), 0, violations);
  }

  private String upload(int round) throws IOException, InterruptedException {
    var purls = new ArrayList<String>(options.components());
    for (int j = 0; j < options.affected(); j++) purls.add("pkg:pypi/crash-sbom-" + j + "@1.0.0");
    for (int j = options.affected(); j < options.components(); j++) purls.add("pkg:npm/crash-free-" + j + "@1.0." + round);
    String body = """
        {"projectName": "upload-%d", "projectVersion": "1", "autoCreate": true, "bom": "%s"}"""
        .formatted(round, Base64.getEncoder().encodeToString(CycloneDx.bom(purls)));
    var response = http.send(HttpRequest.newBuilder(hub.uri("/api/v1/bom")).header("X-Api-Key", uploaderKey)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) throw new IllegalStateException("upload refused: " + response.body());
    return response.body();
  }

  private String uploadQuietly(int round) {
    try {
      return upload(round);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Every upload of the uploader's project is analysed (at least one exists). */
  private boolean processed(String project) {
    return count("SELECT COUNT(*) FROM inventory_bom_upload u JOIN inventory_project p ON p.id = u.project_id "
        + "WHERE p.org_id = ? AND p.name = ? AND u.processed_at IS NOT NULL", uploaderOrg, project) > 0
        && count("SELECT COUNT(*) FROM inventory_bom_upload u JOIN inventory_project p ON p.id = u.project_id "
        + "WHERE p.org_id = ? AND p.name = ? AND u.processed_at IS NULL", uploaderOrg, project) == 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Fault 3: kill -9 in the middle of the alert fan-out to every organisation.

  private Outcome fanOutKilled(int round) throws Exception {
    String advisory = "CRASH-FAN-" + round;
    Path file = work.resolve("fan-" + round + ".json");
    Files.writeString(file, osv(advisory, "crash-fan-" + round));
    long mark = sink.total();
    var answer = postImport(file);
    if (answer == null || answer.statusCode() != 200) throw new IllegalStateException("fan-out import failed: " + answer);
    // Up to three quarters in: the mails still to come are the restart's work (several senders run at once).
    int killAt = 1 + random.nextInt(Math.max(1, options.orgs() * 3 / 4));
    Scenarios.await(Duration.ofMinutes(10), () -> alertMails(mark).size() >= killAt || fanOutDone(advisory, mark),
        () -> alertMails(mark).size() + " alert mails");
    hub.kill();
    int atKill = alertMails(mark).size();
    String landed = atKill >= options.orgs() ? "after the fan-out" : "after " + atKill + " of " + options.orgs() + " mails";
    long restart = System.nanoTime();
    hub.start();
    Scenarios.await(Duration.ofMinutes(10), () -> fanOutDone(advisory, mark), () -> alertMails(mark).size() + " alert mails, "
        + count("SELECT COUNT(*) FROM alert_finding WHERE advisory_id = ?", advisory) + " alerts");
    awaitDrained(Duration.ofMinutes(10));
    double recovery = Scenarios.seconds(restart);
    var violations = new ArrayList<String>();
    long findings = count("SELECT COUNT(*) FROM findings_finding WHERE advisory_id = ?", advisory);
    if (findings != options.orgs()) violations.add(findings + " findings for " + advisory + ", not " + options.orgs());
    Map<UUID, Long> alerts = alertsPerOrg(advisory);
    long doubled = alerts.values().stream().filter(n -> n > 1).count();
    if (alerts.size() != options.orgs()) violations.add((options.orgs() - alerts.size()) + " organisations without an alert");
    if (doubled > 0) violations.add(doubled + " organisations with more than one alert");
    var mails = alertMails(mark);
    Map<String, Set<String>> idsPerRecipient = new HashMap<>();
    for (var m : mails) for (String to : m.recipients()) idsPerRecipient.computeIfAbsent(to, t -> new HashSet<>()).add(m.messageId());
    long twice = idsPerRecipient.values().stream().filter(ids -> ids.size() > 1).count();
    long missing = fanOrgs.values().stream().filter(e -> !idsPerRecipient.containsKey(e)).count();
    if (twice > 0) violations.add(twice + " organisations received two different alert Message-IDs");
    if (missing > 0) violations.add(missing + " organisations received no alert mail");
    int resends = mails.size() - (int) mails.stream().map(SmtpSink.Accepted::messageId).distinct().count();
    return new Outcome(round, "fan-out", landed, recovery, resends, violations);
  }

  private List<SmtpSink.Accepted> alertMails(long mark) {
    return sink.accepted(mark).stream().filter(m -> ALERT_ID.matcher(m.messageId()).matches())
        .filter(m -> m.recipients().stream().anyMatch(r -> r.endsWith("@crash.bench") && r.startsWith("ciso"))).toList();
  }

  private boolean fanOutDone(String advisory, long mark) {
    if (alertsPerOrg(advisory).size() < options.orgs()) return false;
    return alertMails(mark).stream().flatMap(m -> m.recipients().stream()).collect(Collectors.toSet()).size() >= options.orgs();
  }

  private Map<UUID, Long> alertsPerOrg(String advisory) {
    try (Connection c = db.connect(); var s = c.prepareStatement("SELECT a.org_id, COUNT(DISTINCT a.id) FROM alert_alert a "
        + "JOIN alert_finding f ON f.alert_id = a.id WHERE f.advisory_id = ? GROUP BY a.org_id")) {
      s.setString(1, advisory);
      var rs = s.executeQuery();
      var perOrg = new HashMap<UUID, Long>();
      while (rs.next()) perOrg.put(rs.getObject(1, UUID.class), rs.getLong(2));
      return perOrg;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fault 4: the database goes away under load (connections cut, or PostgreSQL restarted).

  private Outcome connectionsCut(int round, boolean restartServer) throws Exception {
    int uploads = 6;
    var violations = new ArrayList<String>();
    int refused = 0;
    String landed = restartServer ? "PostgreSQL restarted mid-uploads" : "connections cut mid-uploads";
    long start = System.nanoTime();
    for (int i = 0; i < uploads; i++) {
      int id = round * 100 + i;
      if (i == 2) {
        if (restartServer) restartPostgres();
        else cutConnections();
      }
      // A client that got an error tries again a second later, as Dependency-Track's uploaders do.
      while (uploadQuietlyChecked(id) == null) {
        refused++;
        if (Scenarios.seconds(start) > 300) {
          violations.add("upload " + id + " still refused after 5 minutes");
          break;
        }
        Scenarios.sleep(1000);
      }
    }
    for (int i = 0; i < uploads; i++) {
      String project = "upload-" + (round * 100 + i);
      Scenarios.await(Duration.ofMinutes(10), () -> processed(project), () -> project + " not analysed");
      long findings = count("SELECT COUNT(*) FROM findings_finding f JOIN inventory_project p ON p.id = f.project_id "
          + "WHERE p.org_id = ? AND p.name = ?", uploaderOrg, project);
      if (findings != options.affected()) violations.add(project + ": " + findings + " findings, not " + options.affected());
    }
    awaitDrained(Duration.ofMinutes(10));
    if (!hub.healthy()) violations.add("the hub does not answer its health check");
    return new Outcome(round, "database", landed + " (" + refused + " refused)", Scenarios.seconds(start), 0, violations);
  }

  private String uploadQuietlyChecked(int round) {
    try {
      return upload(round);
    } catch (IOException | IllegalStateException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void cutConnections() throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
  }

  private static void restartPostgres() throws IOException, InterruptedException {
    String version;
    try (var versions = Files.list(Path.of("/etc/postgresql"))) {
      version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
    }
    var restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
        .inheritIO().start();
    if (restart.waitFor() != 0) throw new IllegalStateException("pg_ctlcluster restart failed");
  }

  // ---------------------------------------------------------------------------------------------

  private void awaitDrained(Duration limit) {
    Scenarios.await(limit, () -> openPublications() == 0, () -> openPublications() + " event publications open");
  }

  private long openPublications() {
    return count("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL");
  }

  private long count(String sql, Object... params) {
    try (Connection c = db.connect(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      var rs = s.executeQuery();
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String osv(String id, String pypiPackage) {
    return """
        {"id":"%s","modified":"2026-12-01T00:00:00Z","summary":"kill -9 scenario advisory","affected":[{"package":\
        {"ecosystem":"PyPI","name":"%s"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0.1"}]}]}]}"""
        .formatted(id, pypiPackage);
  }

  private void summarise() {
    System.out.printf(Locale.ROOT, "%n| fault | kills | where the kill landed | violations | resends (same Message-ID) | recovery median / max |%n"
        + "|---|---|---|---|---|---|%n");
    outcomes.stream().collect(Collectors.groupingBy(Outcome::fault, java.util.LinkedHashMap::new, Collectors.toList()))
        .forEach((fault, list) -> {
          var landed = list.stream().collect(Collectors.groupingBy(o -> o.landed().replaceAll("\\d+ of", "n of")
              .replaceAll("\\(\\d+ refused\\)", "").strip(), java.util.TreeMap::new, Collectors.counting()));
          var recovery = list.stream().mapToDouble(Outcome::recoverySeconds).sorted().toArray();
          System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %.1f s / %.1f s |%n", fault, list.size(), landed,
              list.stream().mapToInt(o -> o.violations().size()).sum(), list.stream().mapToInt(Outcome::resends).sum(),
              recovery[recovery.length / 2], recovery[recovery.length - 1]);
        });
    System.out.printf(Locale.ROOT, "[load %s]%n", Scenarios.load());
  }
}
