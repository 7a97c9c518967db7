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

@Command(name = "import", description = "Import advisories.", subcommands = ImportCommand.Osv.class)
final class ImportCommand {

  @Command(name = "osv", description = {
      "Imports OSV advisories: a .json file, a folder of them, .jsonl, .jsonl.gz or an OSV bulk .zip.",
      "Into the local data directory, or into a running hub with --server and --api-key (operator key).",
      "Exits 1 when a record was rejected (the others are imported), naming file, line and field."})
  static final class Osv implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Option(names = "--server", paramLabel = "URL", description = "A running hub, e.g. http://localhost:8080")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "An operator organisation's API key")
    String apiKey;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(path)) {
        System.err.println("haetae import osv: " + path + ": no such file or folder");
        return 2;
      }
      if (server != null) return remote();
      try (var hub = HubContext.open(SpringArgs.check(spec, springArgs))) {
        ImportSummary summary = hub.bean(AdvisoryImporter.class).importOsv(path);
        // Local imports bypass the API; the audit log still says who imported what.
        hub.bean(io.haetae.server.identity.AuditLog.class).attempt("cli:" + System.getProperty("user.name"), null,
            "advisories.import", path.getFileName() + " " + summary);
        report(summary.toString(), summary.rejected());
        if (!hub.awaitEvents(Duration.ofMinutes(10))) {
          System.err.println("haetae import osv: matching is still running; the hub will finish it when it next starts");
        }
        return summary.clean() ? 0 : 1;
      }
    }

    private int remote() throws IOException, InterruptedException {
      if (apiKey == null || apiKey.isBlank()) {
        System.err.println("haetae import osv: --server needs --api-key");
        return 2;
      }
      Path upload = path;
      String filename = path.getFileName().toString();
      boolean temporary = Files.isDirectory(path);
      if (temporary) {
        upload = zipFolder(path);
        filename = "advisories.zip";
      }
      try {
        var uri = URI.create(server.replaceAll("/+$", "") + "/api/v1/advisories/import/osv?filename="
            + URLEncoder.encode(filename, StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(uri).header("X-Api-Key", apiKey)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofFile(upload)).build();
        var response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
            .send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
          System.err.println("haetae import osv: the hub refused the API key (an operator key is needed)");
          return 2;
        }
        return response.statusCode() == 200 ? 0 : 1;
      } finally {
        if (temporary) Files.deleteIfExists(upload);
      }
    }

    /** A folder goes up as one zip of its OSV files, as OSV's own bulk downloads are laid out. */
    private static Path zipFolder(Path folder) throws IOException {
      Path zip = Files.createTempFile("haetae-osv", ".zip");
      try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
        for (Path f : files.filter(Files::isRegularFile).filter(Osv::isOsvFile).sorted().toList()) {
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

    private static void report(String summary, List<String> rejected) {
      for (String r : rejected) System.err.println("rejected: " + r);
      System.out.println("Imported: " + summary);
    }
  }
}
