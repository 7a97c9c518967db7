package io.haetae.bench;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.ImportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports the whole shared advisory corpus (OSV, CVE 5, NVD, CSAF, KEV, EPSS) through the hub's
 * own importer into the database given and prints records per second per format: first into an
 * empty store in a fresh JVM, then again with every record unchanged (the cost of an idempotent
 * re-import), then into the emptied store with the JVM warm.
 *
 * <pre>
 * java ... KnowledgeImportScenario ../shared/corpora jdbc:postgresql://127.0.0.1:5432/bench USER
 * java ... KnowledgeImportScenario ../shared/corpora h2
 * </pre>
 */
public final class KnowledgeImportScenario {

  private KnowledgeImportScenario() {}

  /** What to import, in an order where aliases meet: OSV first, then the CVE sources. */
  static List<Map.Entry<String, String>> corpus() {
    return List.of(
        Map.entry("osv", "osv"),
        Map.entry("cve5", "cve5"),
        Map.entry("nvd", "nvd/osv-dev"),
        Map.entry("nvd", "nvd/pablotron-nvd-go/responses/cves-1999.json.gz"),
        Map.entry("nvd", "nvd/pablotron-nvd-go/responses/cves-2023.json.gz"),
        Map.entry("nvd", "nvd/dependency-track"),
        Map.entry("nvd", "nvd/vulnerablecode"),
        Map.entry("csaf", "csaf/cisagov-csaf"),
        Map.entry("csaf", "csaf/redhat-vulnerablecode"),
        Map.entry("csaf", "csaf/oasis-tcs-csaf/csaf_2.0/examples/csaf"),
        Map.entry("kev", "kev/known_exploited_vulnerabilities.json"),
        Map.entry("epss", "epss"));
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: KnowledgeImportScenario CORPORA (h2 | JDBC-URL [USER [PASSWORD]])");
      System.exit(2);
    }
    Path corpora = Path.of(args[0]);
    Path dataDir = Files.createTempDirectory("haetae-bench");
    String url = args[1].equals("h2")
        ? "jdbc:h2:file:" + dataDir.resolve("haetae") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        : args[1];
    // System properties outrank application.yml (defaults given to the builder would not).
    Map.of("spring.datasource.url", url,
        "spring.datasource.username", args.length > 2 ? args[2] : (args[1].equals("h2") ? "sa" : "postgres"),
        "spring.datasource.password", args.length > 3 ? args[3] : "",
        "haetae.data-dir", dataDir.toString(), "logging.level.io.haetae", "WARN").forEach(System::setProperty);
    try (var context = new SpringApplicationBuilder(HaetaeApplication.class).web(WebApplicationType.NONE).run()) {
      var importer = context.getBean(AdvisoryImporter.class);
      System.out.println("database: " + (args[1].equals("h2") ? "H2 (file, PostgreSQL mode)" : url));
      run(importer, corpora, "pass 1: empty store, fresh JVM (what one `./haetae import` run sees)");
      run(importer, corpora, "pass 2: every record unchanged (idempotent re-import)");
      // A real feed (OSV's all.zip alone holds several hundred thousand records) runs far longer
      // than the JIT needs to compile the readers; pass 3 shows that steady state on an empty store.
      empty(context.getBean(JdbcClient.class));
      run(importer, corpora, "pass 3: empty store again, warm JVM (steady state of a long import)");
    }
  }

  /** Empties the advisory store (the listeners of earlier passes may still run; they find nothing). */
  private static void empty(JdbcClient jdbc) {
    for (var table : List.of("knowledge_change", "knowledge_cpe", "knowledge_package", "knowledge_alias",
        "knowledge_advisory", "knowledge_kev", "knowledge_epss")) {
      jdbc.sql("TRUNCATE TABLE " + table).update();
    }
  }

  private static void run(AdvisoryImporter importer, Path corpora, String pass) {
    System.out.printf("%s%n%-6s %9s %9s %9s %9s %9s%n", pass, "format", "records", "stored", "rejected", "ms", "rec/s");
    long allRecords = 0, allNanos = 0;
    for (var format : AdvisoryImporter.FORMATS) {
      long records = 0, stored = 0, rejected = 0, nanos = 0;
      for (var entry : corpus()) {
        if (!entry.getKey().equals(format)) continue;
        long start = System.nanoTime();
        ImportSummary s = importer.importFeed(format, corpora.resolve(entry.getValue()));
        nanos += System.nanoTime() - start;
        records += s.read();
        stored += s.inserted() + s.updated();
        rejected += s.rejected().size();
      }
      allRecords += records;
      allNanos += nanos;
      System.out.printf("%-6s %9d %9d %9d %9d %9.0f%n", format, records, stored, rejected, nanos / 1_000_000,
          records / (nanos / 1e9));
    }
    System.out.printf("%-6s %9d %9s %9s %9d %9.0f%n", "all", allRecords, "", "", allNanos / 1_000_000, allRecords / (allNanos / 1e9));
  }
}
