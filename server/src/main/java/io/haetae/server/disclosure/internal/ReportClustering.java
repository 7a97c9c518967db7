package io.haetae.server.disclosure.internal;

import io.haetae.engine.report.Placement;
import io.haetae.engine.report.ReportClusterer;
import io.haetae.engine.report.ReportSketch;
import io.haetae.server.disclosure.CaseFile;
import io.haetae.server.disclosure.EmbargoState;
import io.haetae.server.disclosure.Report;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Places freshly stored reports in clusters. Clusters never span packages, so only the packages
 * the new reports name are clustered again, with every report of those packages the hub holds
 * (oldest first, so each cluster keeps the id of its oldest report). The engine's
 * {@link ReportClusterer} decides; docs/disclosure.md says how.
 */
@Component
public class ReportClustering {

  private final ReportRepository reports;
  private final CaseRepository cases;
  private final VersionEvidence evidence;
  private final double threshold;

  ReportClustering(ReportRepository reports, CaseRepository cases, VersionEvidence evidence,
      @Value("${haetae.disclosure.similarity:" + ReportClusterer.DEFAULT_THRESHOLD + "}") double threshold) {
    this.reports = reports;
    this.cases = cases;
    this.evidence = evidence;
    this.threshold = threshold;
  }

  /** Clusters the packages of {@code fresh} (already stored) and returns the new reports' case files. */
  public Map<UUID, CaseFile> place(List<Report> fresh) {
    var packages = new HashSet<String>();
    fresh.forEach(r -> packages.add(sketchKey(r)));
    var names = fresh.stream().map(r -> r.submission().packageName()).toList();
    var group = reports.naming(names).stream().filter(r -> packages.contains(sketchKey(r))).toList();
    var sketches = group.stream().map(ReportClustering::sketch).toList();
    Map<String, Placement> placed = new ReportClusterer(threshold).cluster(sketches);
    var freshIds = new HashSet<UUID>();
    fresh.forEach(r -> freshIds.add(r.id()));
    var known = evidence.known(fresh.stream().map(VersionEvidence::key).flatMap(java.util.Optional::stream).distinct().toList());
    var out = new LinkedHashMap<UUID, CaseFile>();
    var all = new ArrayList<CaseFile>();
    for (Report r : group) {
      Placement p = placed.get(r.id().toString());
      String fabricated = freshIds.contains(r.id()) ? evidence.check(r, known) : null;
      var file = new CaseFile(r.id(), UUID.fromString(p.clusterId()), p.duplicateOf() == null ? null : UUID.fromString(p.duplicateOf()),
          Math.round(p.similarity() * 1000) / 1000.0, p.reason().name(), EmbargoState.NONE, null, fabricated);
      all.add(file);
      if (freshIds.contains(r.id())) out.put(r.id(), file);
    }
    cases.saveClusters(all);
    return out;
  }

  /** Ecosystem and name; a purl of a type without OSV ecosystem counts by its type. */
  private static String sketchKey(Report r) {
    return ecosystem(r) + "\u0000" + r.submission().packageName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String ecosystem(Report r) {
    var s = r.submission();
    if (s.ecosystem() != null) return s.ecosystem();
    String purl = s.purl() == null ? "" : s.purl();
    int slash = purl.indexOf('/');
    return "purl:" + (purl.startsWith("pkg:") && slash > 4 ? purl.substring(4, slash) : "");
  }

  static ReportSketch sketch(Report r) {
    var s = r.submission();
    return new ReportSketch(r.id().toString(), ecosystem(r), s.packageName(), versionsKey(s.affectedVersions()), s.cwe(),
        s.title() + "\n" + s.description());
  }

  /** The affected versions as one canonical string: free text as written, ranges as TYPE:event=version,... in order. */
  static String versionsKey(JsonNode affected) {
    if (affected == null) return "";
    if (affected.isString()) return affected.asString();
    var ranges = new ArrayList<String>();
    for (JsonNode range : affected) {
      var events = new ArrayList<String>();
      for (JsonNode e : range.path("events")) {
        String k = e.propertyNames().iterator().next();
        events.add(k + "=" + e.get(k).asString());
      }
      ranges.add(range.path("type").asString() + ":" + String.join(",", events));
    }
    ranges.sort(null);
    return String.join(";", ranges);
  }
}
