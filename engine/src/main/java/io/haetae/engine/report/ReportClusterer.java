package io.haetae.engine.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups duplicate and near-duplicate vulnerability reports. Two reports of the same package are
 * joined when they name the same affected versions and the same CWE, or when their texts say
 * the same thing (estimated Jaccard similarity of their meaningful words at least
 * {@code threshold}, found through MinHash and LSH) and they do not name two different CWEs.
 * Code identifiers weigh more than prose: two reports naming different functions (and none in
 * common) are never joined by their text, and two naming the same one need only
 * {@code threshold - }{@link #SHARED_IDENTIFIER_BONUS}.
 * Joins are transitive: a cluster is a connected group. Reports are given oldest first; a
 * cluster is named after its oldest report, so clusters keep their ids as reports arrive.
 *
 * <pre>{@code
 * Map<String, Placement> placed = new ReportClusterer(0.5).cluster(sketches);
 * placed.get("r2").duplicateOf(); // "r1"
 * }</pre>
 */
public final class ReportClusterer {

  /** Similarity at which two texts of one package count as the same report, unless told otherwise. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** How much less similar two texts naming the same function need to be. */
  public static final double SHARED_IDENTIFIER_BONUS = 0.2;

  private final double threshold;

  public ReportClusterer(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], not " + threshold);
    this.threshold = threshold;
  }

  /** Each report's placement, by id, in the order given. */
  public Map<String, Placement> cluster(List<ReportSketch> reports) {
    int n = reports.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    // Per report: the best earlier report it repeats, and how.
    int[] best = new int[n];
    double[] bestScore = new double[n];
    Placement.Reason[] bestReason = new Placement.Reason[n];
    java.util.Arrays.fill(best, -1);

    var byPackage = new LinkedHashMap<String, List<Integer>>();
    for (int i = 0; i < n; i++) byPackage.computeIfAbsent(reports.get(i).packageKey(), k -> new ArrayList<>()).add(i);
    for (List<Integer> group : byPackage.values()) {
      if (group.size() < 2) continue;
      var firstOfKey = new HashMap<String, Integer>();
      for (int i : group) {
        ReportSketch r = reports.get(i);
        if (r.cwe() == null || r.versions().isEmpty()) continue;
        Integer first = firstOfKey.putIfAbsent(r.versions() + "\u0000" + r.cwe(), i);
        if (first != null) join(parent, best, bestScore, bestReason, first, i, 1.0, Placement.Reason.SAME_PACKAGE_VERSIONS_CWE);
      }
      var signatures = new HashMap<Integer, long[]>();
      var identifiers = new HashMap<Integer, java.util.Set<Long>>();
      for (int i : group) {
        signatures.put(i, MinHash.signature(TextShingles.of(reports.get(i).text())));
        identifiers.put(i, TextShingles.identifiers(reports.get(i).text()));
      }
      var checked = new java.util.HashSet<Long>();
      // Candidates: reports sharing an LSH band, and reports naming the same identifier.
      var buckets = new HashMap<Long, List<Integer>>();
      for (int b = 0; b <= MinHash.BANDS; b++) {
        buckets.clear();
        for (int i : group) {
          if (b < MinHash.BANDS) buckets.computeIfAbsent(MinHash.band(signatures.get(i), b), k -> new ArrayList<>()).add(i);
          else for (long id : identifiers.get(i)) buckets.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> bucket : buckets.values()) {
          for (int x = 0; x < bucket.size(); x++) {
            for (int y = x + 1; y < bucket.size(); y++) {
              int i = bucket.get(x);
              int j = bucket.get(y);
              if (checked.add(((long) i << 32) | j)) compare(reports, signatures, identifiers, i, j, parent, best, bestScore, bestReason);
            }
          }
        }
      }
    }

    var out = new LinkedHashMap<String, Placement>();
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      String id = reports.get(i).id();
      String cluster = reports.get(root).id();
      if (root == i) {
        out.put(id, new Placement(id, cluster, null, 0, Placement.Reason.ALONE));
      } else if (best[i] >= 0) {
        out.put(id, new Placement(id, cluster, reports.get(best[i]).id(), bestScore[i], bestReason[i]));
      } else {
        // Joined only through later reports: it repeats the cluster as a whole.
        out.put(id, new Placement(id, cluster, cluster, 0, Placement.Reason.SIMILAR_TEXT));
      }
    }
    return out;
  }

  private void compare(List<ReportSketch> reports, Map<Integer, long[]> signatures, Map<Integer, java.util.Set<Long>> identifiers,
      int i, int j, int[] parent, int[] best, double[] bestScore, Placement.Reason[] bestReason) {
    String ci = reports.get(i).cwe();
    String cj = reports.get(j).cwe();
    if (ci != null && cj != null && !ci.equals(cj)) return;
    var ii = identifiers.get(i);
    var ij = identifiers.get(j);
    boolean shared = false;
    if (!ii.isEmpty() && !ij.isEmpty()) {
      shared = ii.stream().anyMatch(ij::contains);
      if (!shared) return;
    }
    double s = MinHash.similarity(signatures.get(i), signatures.get(j));
    if (s >= threshold - (shared ? SHARED_IDENTIFIER_BONUS : 0)) join(parent, best, bestScore, bestReason, i, j, s, Placement.Reason.SIMILAR_TEXT);
  }

  /** Joins i and j (i given before j), remembering for j the closest earlier report. */
  private static void join(int[] parent, int[] best, double[] bestScore, Placement.Reason[] reason, int i, int j, double score,
      Placement.Reason why) {
    int early = Math.min(i, j);
    int late = Math.max(i, j);
    if (best[late] < 0 || score > bestScore[late]) {
      best[late] = early;
      bestScore[late] = score;
      reason[late] = why;
    }
    int a = find(parent, early);
    int b = find(parent, late);
    // The oldest report stays the root: it names the cluster.
    if (a != b) {
      if (a < b) parent[b] = a;
      else parent[a] = b;
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
