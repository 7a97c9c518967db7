package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.Match;
import io.haetae.engine.match.Verdict;
import io.haetae.server.findings.Finding;
import io.haetae.server.inventory.StoredComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Joins stored components with advisories in memory; the same code serves both directions. */
final class Analysis {

  private Analysis() {}

  static List<Finding> findings(Collection<StoredComponent> components, Collection<Advisory> advisories, UUID analysisId) {
    AdvisoryIndex index = AdvisoryIndex.of(advisories);
    Instant now = Instant.now();
    var out = new ArrayList<Finding>();
    for (StoredComponent c : components) {
      var installed = InstalledPackage.fromPurl(c.purl());
      if (installed.isEmpty()) continue;
      for (Match m : index.match(installed.get())) out.add(finding(c, m, analysisId, now));
    }
    return out;
  }

  private static Finding finding(StoredComponent c, Match m, UUID analysisId, Instant now) {
    Advisory a = m.advisory();
    var rating = SeverityRating.of(a);
    String fixed = m.verdict() instanceof Verdict.Affected aff ? aff.fixedVersion() : null;
    String reason = m.verdict() instanceof Verdict.Undecidable u ? u.reason() : null;
    String verdict = m.verdict() instanceof Verdict.Affected ? Finding.AFFECTED : Finding.UNDECIDABLE;
    String title = a.summary().isBlank() ? firstLine(a.details()) : a.summary();
    return new Finding(UUID.randomUUID(), c.orgId(), c.projectId(), c.identity(), c.name(), c.group(), c.version(),
        c.purl(), a.id(), a.aliases(), title, rating.severity(), rating.score(), fixed, verdict, reason,
        Finding.OPEN, analysisId, now);
  }

  private static String firstLine(String details) {
    String line = details.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }
}
