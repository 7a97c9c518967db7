package io.haetae.bench;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.ImportReport;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.identity.OrganisationService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Organisations at national scale and a broadcast to all of them, with the hub as a separate
 * process and a counting SMTP sink ({@link SmtpSink}) in this one:
 *
 * <ol>
 *   <li>imports a CSV of {@code --orgs} organisations through {@code OrganisationImport} (the code
 *       behind {@code haetae org import}), then the same file again (all unchanged);
 *   <li>starts {@code haetae serve} as a child process, sends a broadcast to "all" over the API and
 *       waits until the sink has one message per recipient: messages per second;
 *   <li>sends a second broadcast, kills the hub with SIGKILL once {@code --kill-at} messages have
 *       arrived, starts it again and waits until every recipient has the message: distinct
 *       Message-IDs must equal the recipients; duplicates (same id twice) are the crash window.
 * </ol>
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.haetae.bench.BroadcastScenario \
 *     [--db=postgres|h2] [--orgs=30000] [--senders=4] [--batch=200] [--kill-at=10000] [--import-only]
 * </pre>
 * Each figure is printed with the machine's load average at that moment.
 */
public final class BroadcastScenario {

  private static final String[] SECTORS = {"Energy", "water", "Finance", "health", "Transport", "telecom", "Government",
      "Education", "Manufacturing", "defence", "Food", "chemicals"};
  private static final String[] SIZES = {"micro", "small", "medium", "large"};

  record Options(String db, int orgs, int senders, int batch, int killAt, boolean importOnly) {
    static Options parse(String[] args) {
      String db = "postgres";
      int orgs = 30_000, senders = 4, batch = 200, killAt = 10_000;
      boolean importOnly = false;
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--db=")) db = v;
        else if (a.startsWith("--orgs=")) orgs = Integer.parseInt(v);
        else if (a.startsWith("--senders=")) senders = Integer.parseInt(v);
        else if (a.startsWith("--batch=")) batch = Integer.parseInt(v);
        else if (a.startsWith("--kill-at=")) killAt = Integer.parseInt(v);
        else if (a.equals("--import-only")) importOnly = true;
        else throw new IllegalArgumentException("unknown option " + a);
      }
      if (!db.equals("h2") && !db.equals("postgres")) throw new IllegalArgumentException("--db is h2 or postgres");
      return new Options(db, orgs, senders, batch, killAt, importOnly);
    }
  }

  private final Options options;
  private final HttpClient http = HttpClient.newHttpClient();
  private Path dataDir;
  private String url;
  private String user;

  private BroadcastScenario(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    new BroadcastScenario(Options.parse(args)).run();
    System.exit(0);
  }

  private void run() throws Exception {
    dataDir = Files.createTempDirectory("haetae-broadcast");
    System.out.printf(Locale.ROOT, "database: %s, organisations: %,d, senders: %d, batch: %d, cores: %d%n", options.db(),
        options.orgs(), options.senders(), options.batch(), Runtime.getRuntime().availableProcessors());
    try (var db = ScratchDatabase.create(options.db(), "haetae_broadcast", dataDir); var sink = new SmtpSink()) {
      url = db.url();
      user = db.user();
      String operatorKey = importOrganisations();
      if (options.importOnly()) return;
      var settings = new ArrayList<>(db.springArgs());
      settings.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sink.port(),
          "--haetae.broadcast.senders=" + options.senders(), "--haetae.broadcast.batch-size=" + options.batch(),
          "--haetae.broadcast.poll=PT1S", "--logging.level.io.haetae=WARN"));
      try (var hub = new HubProcess(dataDir, settings)) {
        hub.start();
        throughput(hub.port(), operatorKey, sink);
        killAndResume(hub, operatorKey, sink);
      }
    }
  }

  private String importOrganisations() {
    byte[] csv = csv(options.orgs());
    try (var context = new SpringApplicationBuilder(HaetaeApplication.class).web(WebApplicationType.NONE).run(
        "--haetae.data-dir=" + dataDir, "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
        "--haetae.broadcast.senders=0", "--logging.level.io.haetae=WARN")) {
      var imports = context.getBean(OrganisationImport.class);
      for (String round : List.of("first import", "same file again")) {
        long start = System.nanoTime();
        ImportReport report = imports.importCsv("bench", csv);
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.2f s (created %,d, updated %,d, unchanged %,d, rejected %d) [load %s]%n",
            round, options.orgs(), seconds(start), report.created(), report.updated(), report.unchanged(),
            report.rejected().size(), load());
      }
      return context.getBean(OrganisationService.class).create("Bench CERT", "cert@bench.test", null, true).apiKey();
    }
  }

  private void throughput(int port, String key, SmtpSink sink) throws Exception {
    long start = System.nanoTime();
    Sent sent = broadcast(port, key, "Readiness check");
    double create = seconds(start);
    var tally = sink.tally(sent.id());
    await(() -> tally.distinct() >= sent.recipients(), () -> tally.distinct() + " of " + sent.recipients());
    double sending = (tally.lastNanos() - start) / 1e9 - create;
    System.out.printf(Locale.ROOT, "broadcast to all: %,d recipients addressed in %.2f s (one transaction); all delivered "
            + "%.2f s later = %,.0f messages/s; %,d duplicates [load %s]%n",
        sent.recipients(), create, sending, sent.recipients() / sending, tally.duplicates(), load());
  }

  private void killAndResume(HubProcess hub, String key, SmtpSink sink) throws Exception {
    int port = hub.port();
    Sent sent = broadcast(port, key, "Emergency advisory");
    var tally = sink.tally(sent.id());
    await(() -> tally.distinct() >= Math.min(options.killAt(), sent.recipients()), () -> tally.distinct() + " arrived");
    hub.kill(); // SIGKILL: no shutdown hook, no finished batch
    long atKill = tally.distinct();
    System.out.printf(Locale.ROOT, "kill -9 after %,d of %,d messages [load %s]%n", atKill, sent.recipients(), load());
    long restart = System.nanoTime();
    hub.start();
    await(() -> tally.distinct() >= sent.recipients(), () -> tally.distinct() + " of " + sent.recipients());
    double resumed = seconds(restart);
    await(() -> delivered(port, key, sent.id()) >= sent.recipients(), () -> "delivered " + delivered(port, key, sent.id()));
    System.out.printf(Locale.ROOT, "restarted: all %,d recipients have it %.1f s after the restart (start-up included); "
            + "messages at the sink %,d, distinct Message-IDs %,d, duplicates %,d; hub counts delivered %,d [load %s]%n",
        sent.recipients(), resumed, tally.messages(), tally.distinct(), tally.duplicates(), delivered(port, key, sent.id()), load());
  }

  record Sent(String id, int recipients) {}

  private Sent broadcast(int port, String key, String title) throws Exception {
    String body = """
        {"title": "%s", "body": "To {organisation}: please confirm by **Friday 18:00** that you have read the \
        [guidance](https://www.example.org/guidance).", "audience": "all", "requireAcknowledgement": true}""".formatted(title);
    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/broadcasts"))
        .header("X-Api-Key", key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) throw new IllegalStateException("broadcast refused: " + response.body());
    return new Sent(field(response.body(), "id"), Integer.parseInt(field(response.body(), "recipients")));
  }

  private long delivered(int port, String key, String id) {
    try {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/broadcasts/" + id))
          .header("X-Api-Key", key).build(), HttpResponse.BodyHandlers.ofString());
      return Long.parseLong(field(response.body(), "delivered"));
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
    if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
    return m.group(1);
  }

  static byte[] csv(int n) {
    var random = new Random(42);
    var csv = new StringBuilder("name,ciso_email,sector,size,domains\n");
    for (int i = 0; i < n; i++) {
      csv.append("\"Organisation ").append(i).append(", Ltd.\",ciso@org").append(i).append(".bench,")
          .append(SECTORS[random.nextInt(SECTORS.length)]).append(',').append(SIZES[random.nextInt(SIZES.length)])
          .append(",org").append(i).append(".bench;www.org").append(i).append(".bench\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String load() {
    return Scenarios.load();
  }

  private static void await(BooleanSupplier done, java.util.function.Supplier<String> state) {
    Scenarios.await(Duration.ofMinutes(10), done, state);
  }

  private static double seconds(long startNanos) {
    return Scenarios.seconds(startNanos);
  }
}
