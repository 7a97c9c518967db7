package io.haetae.bench;

import io.haetae.engine.report.Placement;
import io.haetae.engine.report.ReportClusterer;
import io.haetae.engine.report.ReportSketch;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A mass disclosure (issue 16: 2,000 reports must cluster in under a minute). Generates reports
 * the way an AI-driven campaign sends them: 120 npm packages, a few distinct flaws each (one of
 * eight weakness classes, a function, a trigger), and each flaw reported 1-6 times, the copies in
 * other words (three phrasings per class, clauses reordered, filler sentences), with or without
 * the CWE, the versions written as ranges or prose. Writes them as JSON lines (for
 * {@code ./haetae import reports}), then clusters them with the engine: a warm-up and timed
 * passes, and how well the clusters match the planted flaws.
 *
 * <p>Args: [reports] [out.jsonl] [passes].
 */
public final class ReportClusteringScenario {

  private ReportClusteringScenario() {}

  record Planted(ReportSketch sketch, int flaw, String json) {}

  private static final String[][] PHRASES = {
      {"CWE-787", "Heap buffer overflow in %s: a crafted %s longer than the declared length overflows the buffer and crashes the process.",
          "%s writes past the end of its heap buffer when it parses a malicious %s whose length field is too small; the process crashes.",
          "Out-of-bounds write: feeding %s an oversized %s corrupts heap memory and may allow code execution."},
      {"CWE-22", "Path traversal in %s: a %s containing ../ sequences reads files outside the base directory.",
          "%s does not normalise the %s, so ../ segments escape the base directory and expose arbitrary files.",
          "Directory traversal: %s joins the untrusted %s to its root without checking, leaking files such as /etc/passwd."},
      {"CWE-79", "Cross-site scripting in %s: the %s is rendered into the page without escaping.",
          "%s inserts the user-controlled %s into HTML unescaped, so injected script runs in the victim's browser.",
          "Stored XSS: a %s saved through %s is later displayed without output encoding."},
      {"CWE-89", "SQL injection in %s: the %s is concatenated into the query string.",
          "%s builds its SQL statement by string concatenation with the %s, letting an attacker change the query.",
          "Injection: the untrusted %s reaches the database through %s without parameter binding."},
      {"CWE-400", "Uncontrolled resource consumption in %s: a deeply nested %s exhausts the CPU.",
          "Denial of service: %s takes exponential time on a crafted %s, blocking the event loop.",
          "A small %s makes %s allocate memory without bound until the process is killed."},
      {"CWE-502", "Unsafe deserialisation in %s: a crafted %s instantiates arbitrary classes.",
          "%s deserialises the untrusted %s without a type allow-list, leading to remote code execution.",
          "Remote code execution through %s when it loads an attacker-supplied %s."},
      {"CWE-918", "Server-side request forgery in %s: the %s lets a caller reach internal hosts.",
          "%s fetches whatever URL the %s names, including metadata endpoints on the internal network.",
          "SSRF: an attacker-controlled %s makes %s issue requests to internal services."},
      {"CWE-1321", "Prototype pollution in %s: a %s with a __proto__ key modifies Object.prototype.",
          "%s merges the untrusted %s recursively and follows __proto__, polluting every object's prototype.",
          "Merging a crafted %s through %s sets properties on Object.prototype."}};
  private static final String[] TRIGGERS = {"HTTP header", "multipart boundary", "JSON document", "file name", "query parameter",
      "YAML file", "archive entry", "cookie value", "template string", "URL"};
  private static final String[] FILLER = {"Found by automated analysis.", "We verified this on the latest release.",
      "Please coordinate a fix before publication.", "Severity assessed by our model.", "Steps to reproduce are attached."};

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path out = Path.of(args.length > 1 ? args[1] : "target/reports-" + n + ".jsonl");
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<Planted> planted = generate(n, new Random(16));
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Planted p : planted) w.write(p.json() + "\n");
    }
    List<ReportSketch> sketches = planted.stream().map(Planted::sketch).toList();
    long flaws = planted.stream().mapToInt(Planted::flaw).distinct().count();
    System.out.printf("reports: %,d (%,d distinct flaws in %d packages), written to %s%n", n, flaws, 120, out);
    var clusterer = new ReportClusterer(ReportClusterer.DEFAULT_THRESHOLD);
    Map<String, Placement> placed = clusterer.cluster(sketches);
    for (int i = 0; i < passes; i++) {
      long t0 = System.nanoTime();
      placed = clusterer.cluster(sketches);
      System.out.printf("pass %d: clustered in %,d ms%n", i + 1, (System.nanoTime() - t0) / 1_000_000);
    }
    quality(planted, placed);
  }

  /** Pairs of reports of the same flaw found in one cluster (recall), and clusters that mix flaws (false merges). */
  private static void quality(List<Planted> planted, Map<String, Placement> placed) {
    var flawOf = new HashMap<String, Integer>();
    planted.forEach(p -> flawOf.put(p.sketch().id(), p.flaw()));
    var byCluster = new HashMap<String, Set<Integer>>();
    var clusterOfFlaw = new HashMap<Integer, Set<String>>();
    placed.values().forEach(p -> {
      byCluster.computeIfAbsent(p.clusterId(), k -> new HashSet<>()).add(flawOf.get(p.id()));
      clusterOfFlaw.computeIfAbsent(flawOf.get(p.id()), k -> new HashSet<>()).add(p.clusterId());
    });
    long mixed = byCluster.values().stream().filter(s -> s.size() > 1).count();
    long split = clusterOfFlaw.values().stream().filter(s -> s.size() > 1).count();
    long duplicates = placed.values().stream().filter(Placement::isDuplicate).count();
    long planted2 = planted.size() - clusterOfFlaw.size();
    System.out.printf("clusters: %,d for %,d flaws; duplicates marked %,d of %,d planted; clusters mixing flaws %d; flaws split over clusters %d%n",
        byCluster.size(), clusterOfFlaw.size(), duplicates, planted2, mixed, split);
  }

  static List<Planted> generate(int n, Random random) {
    var out = new ArrayList<Planted>();
    int flaw = 0;
    while (out.size() < n) {
      int pkg = random.nextInt(120);
      String pkgName = "bench-lib-" + pkg;
      String[] cls = PHRASES[random.nextInt(PHRASES.length)];
      String function = new String[] {"parse", "load", "render", "merge", "fetch", "decode", "resolve", "serve"}[random.nextInt(8)]
          + "_" + new String[] {"header", "config", "template", "options", "url", "body", "path", "entry"}[random.nextInt(8)];
      String trigger = TRIGGERS[random.nextInt(TRIGGERS.length)];
      String fixed = "2." + random.nextInt(20) + "." + random.nextInt(10);
      int copies = 1 + (random.nextDouble() < 0.45 ? 1 + random.nextInt(5) : 0);
      for (int c = 0; c < copies && out.size() < n; c++) {
        int phrasing = c % 3;
        String sentence = phrasing == 0 ? String.format(cls[1], function, trigger) : phrasing == 1
            ? String.format(cls[2], function, trigger) : String.format(cls[3], trigger, function);
        String text = c % 2 == 0 ? sentence + " " + FILLER[random.nextInt(FILLER.length)]
            : FILLER[random.nextInt(FILLER.length)] + " " + sentence;
        String title = sentence.substring(0, sentence.indexOf(c % 3 == 2 ? "." : ":") > 0 ? sentence.indexOf(c % 3 == 2 ? "." : ":") : 40);
        boolean withCwe = random.nextDouble() < 0.6;
        boolean prose = random.nextBoolean();
        String versions = prose ? "\"before " + fixed + "\"" : "[{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed + "\"}]}]";
        String id = "r" + out.size();
        String json = "{\"title\": " + quote(title) + ", \"description\": " + quote(text) + ", \"package\": {\"ecosystem\": \"npm\", "
            + "\"name\": \"" + pkgName + "\"}, \"affectedVersions\": " + versions + (withCwe ? ", \"cwe\": \"" + cls[0] + "\"" : "") + "}";
        String versionKey = prose ? "before " + fixed : "SEMVER:introduced=0,fixed=" + fixed;
        out.add(new Planted(new ReportSketch(id, "npm", pkgName, versionKey, withCwe ? cls[0] : null, title + "\n" + text), flaw, json));
      }
      flaw++;
    }
    return out;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
