package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.Match;
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
    return Finding.of(new Finding.Subject(c.orgId(), c.projectId(), c.identity(), c.name(), c.group(), c.version(),
        c.purl()), m, analysisId, now);
  }
}
