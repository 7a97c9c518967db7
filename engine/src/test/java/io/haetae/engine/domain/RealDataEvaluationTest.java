package io.haetae.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Recall on real phishing domains and false positives on real legitimate ones (figures in
 * docs/domainwatch.md). Data: eth-phishing-detect 1.2.0 (MetaMask; DBAD licence): its fuzzylist
 * of 15 protected domains and its blacklist of 13,752 phishing domains, its whitelist of 1,138
 * legitimate domains; top-sites 1.1.222 (MIT): 500 most-linked domains.
 *
 * <p>Which blacklisted domains imitate a protected name is decided here independently of the
 * index, by the rules MetaMask's own detector and a reviewer would use: the registrable label
 * within edit distance 2 of a protected label (typo), containing it (combosquatting), equal to it
 * under another suffix (TLD swap), or a protected label among the subdomain labels (subdomain).
 */
class RealDataEvaluationTest {

  private static final Path DIR = Path.of("src/test/resources/fixtures/domain");
  private final DomainNames names = new DomainNames();
  private final java.util.Set<String> fuzzyDomains = new java.util.HashSet<>();

  static List<String> lines(String file) throws IOException {
    try (InputStream raw = Files.newInputStream(DIR.resolve(file));
        InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private LookalikeIndex ethIndex(List<String> fuzzy) {
    var b = LookalikeIndex.builder(names);
    for (String d : fuzzy) {
      b.domain(d, d);
      b.brand(d, names.parse(d).label());
    }
    return b.build();
  }

  @Test
  void recallPerTechniqueOnMetaMasksPhishingBlacklist() throws IOException {
    List<String> fuzzy = lines("eth-phishing-detect-fuzzylist.txt");
    var protectedLabels = fuzzy.stream().map(d -> names.parse(d).label()).distinct().toList();
    var index = ethIndex(fuzzy);
    fuzzy.forEach(f -> fuzzyDomains.add(names.parse(f).registrable()));
    Map<String, int[]> byClass = new TreeMap<>(); // class -> {truth, caught}
    Map<String, Integer> techniques = new TreeMap<>();
    int matched = 0;
    int total = 0;
    Map<String, List<String>> missed = new TreeMap<>();
    for (String raw : lines("eth-phishing-detect-blacklist.txt.gz")) {
      DomainName d;
      try {
        d = names.parse(raw);
      } catch (IllegalArgumentException e) {
        continue;
      }
      total++;
      var matches = index.match(d, null);
      if (!matches.isEmpty()) matched++;
      for (DomainMatch m : matches) techniques.merge(m.technique().id(), 1, Integer::sum);
      String truth = truth(d, protectedLabels);
      if (truth == null) continue;
      int[] c = byClass.computeIfAbsent(truth, k -> new int[2]);
      c[0]++;
      if (!matches.isEmpty()) c[1]++;
      else if (missed.computeIfAbsent(truth, k -> new ArrayList<>()).size() < 30) missed.get(truth).add(d.ascii());
    }
    var report = new StringBuilder("blacklist domains: " + total + ", matched: " + matched + "\n");
    byClass.forEach((k, c) -> report.append(String.format("%-15s truth %5d caught %5d recall %.3f%n", k, c[0], c[1], c[1] / (double) c[0])));
    report.append("techniques assigned: ").append(techniques).append('\n');
    report.append("missed, e.g.: ").append(missed).append('\n');
    System.out.println(report);
    // Measured 2026-12-05: 1.000 for all but two typos at once (0.6; see docs/domainwatch.md).
    byClass.forEach((k, c) -> assertThat(c[1] / (double) c[0]).as(k + "\n" + report)
        .isGreaterThanOrEqualTo(k.equals("typo, 2 edits") ? 0.5 : 0.95));
  }

  /** The independent labelling of a blacklisted domain; null when it imitates no protected label. */
  private String truth(DomainName d, List<String> labels) {
    String label = d.label();
    if (fuzzyDomains.contains(d.registrable())) return null;
    for (String p : labels) if (label.equals(p)) return "tld-swap";
    for (String p : labels) if (p.length() >= 5 && Edits.distance(label, p, 1) <= 1) return "typo, 1 edit";
    for (String p : labels) if (p.length() >= 5 && Edits.distance(label, p, 2) <= 2) return "typo, 2 edits";
    for (String p : labels) if (label.contains(p)) return "combosquatting";
    for (String part : d.subdomain().split("[.-]")) for (String p : labels) if (part.equals(p)) return "subdomain";
    return null;
  }

  @Test
  void falsePositivesOnLegitimateDomains() throws IOException {
    var index = ethIndex(lines("eth-phishing-detect-fuzzylist.txt"));
    double topSites = falsePositives(index, "top-sites.txt");
    double whitelist = falsePositives(index, "eth-phishing-detect-whitelist.txt.gz");
    assertThat(topSites).isLessThan(0.02);
    // MetaMask's whitelist is the set of legitimate domains its own edit-distance check flagged:
    // the hardest legitimate set there is. Reported in docs/domainwatch.md; kept from growing here.
    assertThat(whitelist).isLessThan(0.5);
  }

  /** The share of a legitimate list flagged at score 60 or more; prints the figures per technique. */
  private double falsePositives(LookalikeIndex index, String file) throws IOException {
    Map<String, Integer> all = new TreeMap<>();
    Map<String, Integer> confident = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    int total = 0;
    int flagged = 0;
    int flaggedConfident = 0;
    for (String raw : lines(file)) {
      List<DomainMatch> matches;
      try {
        matches = index.match(raw, null);
      } catch (IllegalArgumentException e) {
        continue;
      }
      total++;
      if (matches.isEmpty()) continue;
      flagged++;
      if (matches.stream().anyMatch(m -> m.score() >= 60)) flaggedConfident++;
      for (DomainMatch m : matches) {
        all.merge(m.technique().id(), 1, Integer::sum);
        if (m.score() >= 60) confident.merge(m.technique().id(), 1, Integer::sum);
        if (examples.size() < 15) examples.add(m.display() + " ~ " + m.protectedName().name() + " " + m.technique().id() + " " + m.score());
      }
    }
    System.out.printf("%s: %d legitimate, flagged %d (%.3f), at score >= 60 %d (%.3f); all %s; >= 60 %s%n  e.g. %s%n", file, total,
        flagged, flagged / (double) total, flaggedConfident, flaggedConfident / (double) total, all, confident, examples);
    return flaggedConfident / (double) total;
  }
}
