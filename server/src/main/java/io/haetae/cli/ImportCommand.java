package io.haetae.cli;

import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.ImportSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import advisories and their enrichments (KEV, EPSS).", subcommands = {
    ImportCommand.Osv.class, ImportCommand.Cve5.class, ImportCommand.Nvd.class, ImportCommand.Csaf.class,
    ImportCommand.Kev.class, ImportCommand.Epss.class, ImportCommand.Domains.class, ImportCommand.Reports.class})
final class ImportCommand {

  @Command(name = "osv", mixinStandardHelpOptions = true, description = {
      "Imports OSV advisories: a .json file, a folder of them, .jsonl, .jsonl.gz or an OSV bulk .zip.",
      "Into the local data directory, or into a running hub with --server and --api-key (operator key).",
      "Exits 1 when a record was rejected (the others are imported), naming file, line and field."})
  static final class Osv extends FeedImport {
    Osv() {
      super("osv");
    }
  }

  @Command(name = "cve5", mixinStandardHelpOptions = true, description = {"Imports CVE JSON 5 records (CVE List): .json files, a folder, .jsonl(.gz).",
      "Exits 1 when a record was rejected (the others are imported), naming file, record and field."})
  static final class Cve5 extends FeedImport {
    Cve5() {
      super("cve5");
    }
  }

  @Command(name = "nvd", mixinStandardHelpOptions = true, description = {"Imports NVD CVE API 2.0 response files (.json, .json.gz) or a folder of them.",
      "Exits 1 when a record was rejected (the others are imported), naming file, record and field."})
  static final class Nvd extends FeedImport {
    Nvd() {
      super("nvd");
    }
  }

  @Command(name = "csaf", mixinStandardHelpOptions = true, description = {"Imports CSAF 2.0 documents (advisories and VEX): .json files or a folder.",
      "Exits 1 when a record was rejected (the others are imported), naming file, record and field."})
  static final class Csaf extends FeedImport {
    Csaf() {
      super("csaf");
    }
  }

  @Command(name = "kev", mixinStandardHelpOptions = true, description = {"Imports CISA's KEV catalogue (known_exploited_vulnerabilities.json).",
      "Exits 1 when an entry was rejected (the others are imported)."})
  static final class Kev extends FeedImport {
    Kev() {
      super("kev");
    }
  }

  @Command(name = "epss", mixinStandardHelpOptions = true, description = {"Imports FIRST EPSS scores (epss_scores-YYYY-MM-DD.csv or .csv.gz).",
      "Exits 1 when a row was rejected (the others are imported), naming file and line."})
  static final class Epss extends FeedImport {
    Epss() {
      super("epss");
    }
  }

  @Command(name = "domains", mixinStandardHelpOptions = true, description = {
      "Checks newly observed domains against every organisation's protected names (domain watch):",
      "a list (domain or domain,first_seen per line), its .gz, or RFC 6962 get-entries JSON; a file or a folder.",
      "Into the local data directory, or into a running hub with --server and --api-key (operator key).",
      "Bad lines are reported by line and skipped; exit 1 when there were any."})
  static final class Domains extends HubImport {

    Domains() {
      super("domains", "the national operator's key is needed");
    }

    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(path)) {
        System.err.println("haetae import domains: " + path + ": no such file or folder");
        return 2;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      if (server != null) return remote(files);
      int worst = 0;
      try (var hub = openHub()) {
        var watch = hub.bean(io.haetae.server.domainwatch.DomainWatch.class);
        for (Path file : files) {
          io.haetae.server.domainwatch.ObservedSummary summary;
          try (var in = Files.newInputStream(file)) {
            summary = watch.observe(in, file.getFileName().toString());
          }
          hub.bean(io.haetae.server.identity.AuditLog.class).attempt("cli:" + System.getProperty("user.name"), null,
              "domains.observe", file.getFileName() + ": " + summary.names() + " names, " + summary.newMatches() + " new matches");
          for (String r : summary.rejected()) System.err.println("rejected: " + r);
          System.out.println(file.getFileName() + ": " + summary.names() + " names, " + summary.matches() + " matches, "
              + summary.newMatches() + " new");
          if (!summary.rejected().isEmpty()) worst = 1;
        }
        hub.awaitEvents(Duration.ofMinutes(5), io.haetae.server.domainwatch.DomainMatchFound.class);
      }
      return worst;
    }

    private int remote(List<Path> files) throws IOException, InterruptedException {
      if (!hasApiKey()) return 2;
      int worst = 0;
      for (Path file : files) {
        var response = post("/api/v1/domains/observed?filename=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8),
            file, "application/octet-stream");
        int outcome = outcome(response, 200);
        if (outcome == 2) return 2;
        if (outcome == 1 || response.body().contains("\"rejected\":[\"")) worst = 1;
      }
      return worst;
    }
  }

  @Command(name = "reports", mixinStandardHelpOptions = true, description = {
      "Imports vulnerability reports (a mass disclosure): a JSON lines file, one report a line, or a JSON array;",
      "each as POST /api/v1/reports takes it. All or nothing: a bad line stores none and is named by line and field.",
      "Duplicates and near-duplicates are clustered; prints how many, and the duplicates and suspect versions by line.",
      "Into the local data directory for the organisation --organisation (name or id), or into a running hub",
      "with --server and --api-key (the reports are that key's organisation's). Exit 0, 1 for bad input, 2 for usage."})
  static final class Reports extends HubImport {

    Reports() {
      super("reports", "a reporter's or CISO's key is needed");
    }

    @Parameters(index = "0", paramLabel = "FILE")
    Path path;

    @Option(names = "--organisation", paramLabel = "ORG", description = "The reporting organisation (local import): its name or id")
    String organisation;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(path)) {
        System.err.println("haetae import reports: " + path + ": no such file");
        return 2;
      }
      if (server != null) return remote();
      if (organisation == null || organisation.isBlank()) {
        System.err.println("haetae import reports: --organisation names the reporting organisation (or use --server and --api-key)");
        return 2;
      }
      try (var hub = openHub()) {
        var organisations = hub.bean(io.haetae.server.identity.OrganisationService.class);
        java.util.Optional<io.haetae.server.identity.Organisation> org;
        try {
          org = organisations.find(java.util.UUID.fromString(organisation.strip()));
        } catch (IllegalArgumentException notAnId) {
          org = organisations.findByName(organisation.strip());
        }
        if (org.isEmpty()) {
          System.err.println("haetae import reports: no organisation '" + organisation + "' in this hub");
          return 2;
        }
        var caller = new io.haetae.server.identity.Caller(org.get().id(), org.get().name(), "cli:" + System.getProperty("user.name"),
            io.haetae.server.identity.Role.REPORTER);
        io.haetae.server.disclosure.VulnerabilityReports.Submitted submitted;
        try {
          submitted = hub.bean(io.haetae.server.disclosure.VulnerabilityReports.class).submitBatch(caller, Files.readAllBytes(path));
        } catch (io.haetae.server.web.BadInputException e) {
          System.err.println("haetae import reports: " + path.getFileName() + ", " + e.getMessage() + " (nothing was stored)");
          return 1;
        }
        var files = submitted.files();
        for (int i = 0; i < submitted.reports().size(); i++) {
          var f = files.get(submitted.reports().get(i).id());
          if (f.duplicateOf() != null) System.out.println("report " + (i + 1) + ": duplicate of " + f.duplicateOf() + " (cluster " + f.clusterId() + ")");
          if (f.fabricated() != null) System.out.println("report " + (i + 1) + ": probably fabricated: " + f.fabricated());
        }
        System.out.println("Imported " + submitted.reports().size() + " reports for " + org.get().name() + ": "
            + files.values().stream().filter(f -> f.duplicateOf() != null).count() + " duplicates, "
            + files.values().stream().map(io.haetae.server.disclosure.CaseFile::clusterId).distinct().count() + " clusters, "
            + files.values().stream().filter(f -> f.fabricated() != null).count() + " probably fabricated");
        return 0;
      }
    }

    private int remote() throws IOException, InterruptedException {
      if (!hasApiKey()) return 2;
      return outcome(post("/api/v1/reports/batch", path, "application/x-ndjson"), 201);
    }
  }

  /**
   * What every import shares: the local data directory (opened with the Spring settings passed
   * through, {@code --init} to create it), or a running hub ({@code --server}, {@code --api-key})
   * that takes each file over its API.
   */
  abstract static class HubImport implements Callable<Integer> {

    private final String name;
    private final String keyNeeded;

    HubImport(String name, String keyNeeded) {
      this.name = name;
      this.keyNeeded = keyNeeded;
    }

    @Option(names = "--server", paramLabel = "URL", description = "A running hub, e.g. http://localhost:8080")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key for --server (whose: see above)")
    String apiKey;

    @Option(names = "--init", description = "Create an empty hub in the data directory if there is none")
    boolean init;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    HubContext openHub() {
      return HubContext.open(SpringArgs.check(spec, springArgs), init);
    }

    /** False, and says so, when --server came without --api-key. */
    boolean hasApiKey() {
      if (apiKey != null && !apiKey.isBlank()) return true;
      System.err.println("haetae import " + name + ": --server needs --api-key");
      return false;
    }

    /** POSTs a file to a route of the running hub and prints the answer. */
    HttpResponse<String> post(String route, Path file, String contentType) throws IOException, InterruptedException {
      var request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + route)).header("X-Api-Key", apiKey)
          .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file)).build();
      var response = Remote.send(server, request);
      System.out.println(response.body());
      return response;
    }

    /** 0 for the expected status, 2 (and why) when the key was refused, 1 otherwise. */
    int outcome(HttpResponse<String> response, int expected) {
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        System.err.println("haetae import " + name + ": the hub refused the API key (" + keyNeeded + ")");
        return 2;
      }
      return response.statusCode() == expected ? 0 : 1;
    }
  }

  /** One format's import: locally, or file by file into a running hub. */
  abstract static class FeedImport extends HubImport {

    private final String format;

    FeedImport(String format) {
      super(format, "an operator key is needed");
      this.format = format;
    }

    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(path)) {
        System.err.println("haetae import " + format + ": " + path + ": no such file or folder");
        return 2;
      }
      if (server != null) return remote();
      try (var hub = openHub()) {
        ImportSummary summary;
        try {
          summary = hub.bean(AdvisoryImporter.class).importFeed(format, path);
        } catch (IllegalArgumentException e) {
          System.err.println("haetae import " + format + ": " + e.getMessage());
          return 2;
        }
        // Local imports bypass the API; the audit log still says who imported what.
        hub.bean(io.haetae.server.identity.AuditLog.class).attempt("cli:" + System.getProperty("user.name"), null,
            "advisories.import", format + " " + path.getFileName() + " " + summary);
        for (String r : summary.rejected()) System.err.println("rejected: " + r);
        System.out.println("Imported: " + summary);
        if (!hub.awaitEvents(Duration.ofMinutes(10), io.haetae.server.knowledge.AdvisoriesChanged.class)) {
          System.err.println("haetae import " + format + ": matching is still running; the hub will finish it when it next starts");
        }
        return summary.clean() ? 0 : 1;
      }
    }

    private int remote() throws IOException, InterruptedException {
      if (!hasApiKey()) return 2;
      // OSV folders go up as one zip, as OSV's own bulk downloads are laid out; other formats file by file.
      if (format.equals("osv") && Files.isDirectory(path)) {
        Path zip = zipFolder(path);
        try {
          return upload(zip, "advisories.zip");
        } finally {
          Files.deleteIfExists(zip);
        }
      }
      int worst = 0;
      for (Path file : filesAt(path)) {
        worst = Math.max(worst, upload(file, file.getFileName().toString()));
        if (worst == 2) break;
      }
      return worst;
    }

    private int upload(Path upload, String filename) throws IOException, InterruptedException {
      return outcome(post("/api/v1/advisories/import/" + format + "?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8),
          upload, "application/octet-stream"), 200);
    }

    private List<Path> filesAt(Path root) throws IOException {
      if (!Files.isDirectory(root)) return List.of(root);
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(Files::isRegularFile).filter(this::isFeedFile).sorted().toList();
      }
    }

    private boolean isFeedFile(Path p) {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      if (format.equals("epss")) return n.endsWith(".csv") || n.endsWith(".csv.gz");
      return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".json.gz") || n.endsWith(".jsonl.gz");
    }

    private static Path zipFolder(Path folder) throws IOException {
      Path zip = Files.createTempFile("haetae-osv", ".zip");
      try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
        for (Path f : files.filter(Files::isRegularFile).filter(FeedImport::isOsvFile).sorted().toList()) {
          out.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, (OutputStream) out);
          out.closeEntry();
        }
      }
      return zip;
    }

    private static boolean isOsvFile(Path p) {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return n.endsWith(".json") || n.endsWith(".jsonl");
    }
  }
}
