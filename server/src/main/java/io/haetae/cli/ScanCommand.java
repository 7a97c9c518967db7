package io.haetae.cli;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.generate.Lockfile;
import io.haetae.engine.generate.SbomGenerator;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.SbomScan;
import io.haetae.engine.sbom.CycloneDxJsonWriter;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.sbom.SbomReaders;
import io.haetae.engine.vex.Vex;
import io.haetae.engine.vex.VexReader;
import io.haetae.engine.vex.VexStatement;
import io.haetae.server.findings.Finding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code haetae scan DIR|FILE}: an offline vulnerability scan for CI. DIR is a project folder
 * (its lockfiles are read as {@code sbom generate} reads them), FILE an SBOM or one lockfile;
 * the advisories are a local OSV dump, the same inputs {@code import osv} takes. Exit 1 when a
 * finding is at or above {@code --fail-on}, 0 when none is, 2 for unusable input. Engine only:
 * no Spring context starts.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, description = {
    "Scans a project folder, an SBOM (CycloneDX, SPDX) or a lockfile against local OSV advisories.",
    "Exit code 1 when a finding is at or above --fail-on, 0 when none is, 2 for unusable input."})
final class ScanCommand implements Callable<Integer> {

  private static final long MAX_SBOM_BYTES = 512L * 1024 * 1024;

  @Parameters(index = "0", paramLabel = "DIR|SBOM")
  Path input;

  @Option(names = "--advisories", paramLabel = "PATH",
      description = "OSV advisories: a .json file, a folder, .jsonl, .jsonl.gz or an OSV bulk .zip")
  Path advisories;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), json (the hub's /api/v1/finding/project/{uuid} shape), sarif (2.1.0) "
          + "or vex (CycloneDX 1.6 VEX of the findings)")
  String format;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "any",
      description = "critical, high, medium, low, info, any (default: every finding fails) or none")
  String failOn;

  @Option(names = "--vex", paramLabel = "FILE",
      description = "OpenVEX or CycloneDX VEX; not_affected statements with a justification suppress findings (repeatable)")
  List<Path> vexFiles = new ArrayList<>();

  @Option(names = "--server", paramLabel = "URL", description = "Upload to this hub instead of scanning locally")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY", description = "The organisation's API key, with --server")
  String apiKey;

  @Option(names = "--project", paramLabel = "NAME", description = "Project name on the hub (default: the SBOM's subject)")
  String project;

  @Option(names = "--project-version", paramLabel = "VERSION", description = "Project version on the hub")
  String projectVersion;

  /** The scanned SBOM and, per purl, the file it came from (for SARIF locations). */
  record Input(Sbom sbom, Map<String, String> origins, String location) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    var threshold = threshold(failOn);
    if (threshold == null || !List.of("table", "json", "sarif", "vex").contains(format)) {
      System.err.println("haetae scan: --format is table, json, sarif or vex; --fail-on is a severity, any or none");
      return 2;
    }
    if (!Files.exists(input)) return usage(input + ": no such file or folder");
    Input in;
    Vex vex;
    try {
      in = load(input);
      vex = vex(vexFiles);
    } catch (SbomException e) {
      return usage(e.getMessage());
    }
    if (server != null) return upload(in.sbom());
    if (advisories == null || !Files.exists(advisories)) return usage("--advisories PATH is needed (an OSV dump)");
    var scan = SbomScan.of(in.sbom(), AdvisoryIndex.of(loadAdvisories(advisories)));
    var findings = findings(scan);
    var suppressed = new java.util.LinkedHashMap<Finding, VexStatement>();
    for (var f : findings) {
      vex.suppression(f.advisoryId(), f.aliases(), f.componentPurl()).ifPresent(s -> suppressed.put(f, s));
    }
    var subject = in.sbom().subject() == null ? input.getFileName().toString() : in.sbom().subject().name();
    switch (format) {
      case "json" -> System.out.println(ScanOutput.json(findings, suppressed.keySet()));
      case "sarif" -> System.out.println(ScanOutput.sarif(findings, suppressed, in.origins(), in.location()));
      case "vex" -> System.out.println(new String(ScanOutput.vex(subject, findings, suppressed), StandardCharsets.UTF_8));
      default -> System.out.print(ScanOutput.table(findings, suppressed, scan));
    }
    if (!format.equals("table")) ScanOutput.notesTo(System.err, suppressed, scan);
    boolean failing = threshold.isPresent() && findings.stream().filter(f -> !suppressed.containsKey(f))
        .anyMatch(f -> f.severity().ordinal() <= threshold.get().ordinal());
    return failing ? 1 : 0;
  }

  private static int usage(String message) {
    System.err.println("haetae scan: " + message);
    return 2;
  }

  /** The severity at or above which a finding fails the scan; empty for "none", null when unknown. */
  static java.util.Optional<Severity> threshold(String failOn) {
    var value = failOn.toUpperCase(Locale.ROOT);
    if (value.equals("NONE")) return java.util.Optional.empty();
    if (value.equals("ANY")) return java.util.Optional.of(Severity.UNASSIGNED);
    try {
      return java.util.Optional.of(Severity.valueOf(value));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Input load(Path input) throws SbomException, IOException {
    var generator = SbomGenerator.standard();
    List<Path> files;
    Path root;
    if (Files.isDirectory(input)) {
      root = input;
      files = generator.lockfiles(input);
      if (files.isEmpty()) throw new SbomException(input.toString(), null, "no lockfile or OS package database found");
    } else if (generator.reads(input)) {
      root = input.toAbsolutePath().getParent();
      files = List.of(input);
    } else {
      if (Files.size(input) > MAX_SBOM_BYTES) throw new SbomException(input.toString(), null, "larger than 512 MB");
      var sbom = SbomReaders.standard().read(Files.readAllBytes(input), input.getFileName().toString());
      return new Input(sbom, Map.of(), input.toString());
    }
    var lockfiles = new ArrayList<Lockfile>();
    var origins = new HashMap<String, String>();
    for (var file : files) {
      var lockfile = generator.read(root, file);
      lockfiles.add(lockfile);
      var relative = root.relativize(file).toString().replace('\\', '/');
      lockfile.packages().forEach(p -> origins.putIfAbsent(p.purl(), relative));
    }
    return new Input(SbomGenerator.merge(root, lockfiles), origins, root.relativize(files.getFirst()).toString());
  }

  private static Vex vex(List<Path> files) throws SbomException, IOException {
    var statements = new ArrayList<VexStatement>();
    for (var file : files) {
      if (Files.size(file) > MAX_SBOM_BYTES) throw new SbomException(file.toString(), null, "larger than 512 MB");
      statements.addAll(VexReader.read(Files.readAllBytes(file), file.toString()));
    }
    return Vex.of(statements);
  }

  private static List<Advisory> loadAdvisories(Path path) {
    var accepted = new ArrayList<Advisory>();
    int rejected = 0;
    try (var entries = new OsvSource().read(path)) {
      for (var entry : (Iterable<OsvSource.Entry>) entries::iterator) {
        switch (entry) {
          case OsvSource.Accepted a -> accepted.add(a.advisory());
          case OsvSource.Rejected r -> rejected++;
        }
      }
    }
    if (rejected > 0) System.err.println("haetae scan: " + rejected + " advisory records rejected (see 'haetae import osv')");
    return accepted;
  }

  private static List<Finding> findings(SbomScan scan) {
    var now = Instant.now();
    var analysis = UUID.randomUUID();
    var out = new ArrayList<Finding>();
    for (var hit : scan.hits()) {
      var c = hit.component();
      out.add(Finding.of(new Finding.Subject(null, null, hit.purl(), c.name(), c.group(), c.version(), hit.purl()),
          hit.match(), analysis, now));
    }
    out.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding::componentPurl)
        .thenComparing(Finding::advisoryId));
    return out;
  }

  /** Uploads like a Dependency-Track client (PUT /api/v1/bom); the hub then matches and alerts. */
  private int upload(Sbom sbom) throws IOException, InterruptedException {
    if (apiKey == null || apiKey.isBlank()) return usage("--server needs --api-key");
    var name = project != null ? project : sbom.subject() != null ? sbom.subject().name() : null;
    if (name == null) return usage("the SBOM names no project; give --project");
    var version = projectVersion != null ? projectVersion
        : sbom.subject() != null && sbom.subject().version() != null ? sbom.subject().version() : "";
    var body = JsonMapper.builder().build().writeValueAsString(Map.of("projectName", name, "projectVersion", version,
        "autoCreate", true, "bom", Base64.getEncoder().encodeToString(new CycloneDxJsonWriter().write(sbom, "haetae"))));
    var request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + "/api/v1/bom"))
        .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    var response = Remote.send(server, request);
    System.out.println(response.body());
    if (response.statusCode() == 401 || response.statusCode() == 403) return usage("the hub refused the API key");
    return response.statusCode() == 200 ? 0 : 1;
  }
}
