package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.Match;
import io.haetae.server.findings.Finding;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.knowledge.StoredAdvisory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.UUID;

/** Joins stored components with advisories in memory; the same code serves both directions. */
final class Analysis {

  private Analysis() {}

  /** A stored component and the package its purl names. */
  record Installed(StoredComponent component, InstalledPackage pkg) {}

  /** The components whose purl names a package matching knows (purls parsed once per analysis). */
  static List<Installed> installed(Collection<StoredComponent> components) {
    var out = new ArrayList<Installed>(components.size());
    for (StoredComponent c : components) InstalledPackage.fromPurl(c.purl()).ifPresent(p -> out.add(new Installed(c, p)));
    return out;
  }

  /** Findings rated as each advisory's {@link StoredAdvisory#rating()} says (see {@link StoredAdvisory#rated()}). */
  static List<Finding> findings(Collection<StoredComponent> components, Collection<StoredAdvisory> advisories, UUID analysisId) {
    return findings(installed(components), advisories, analysisId);
  }

  static List<Finding> findings(List<Installed> installed, Collection<StoredAdvisory> advisories, UUID analysisId) {
    var ratings = new IdentityHashMap<Advisory, SeverityRating>();
    for (StoredAdvisory s : advisories) ratings.put(s.advisory(), s.rating());
    AdvisoryIndex index = AdvisoryIndex.of(ratings.keySet());
    Instant now = Instant.now();
    var out = new ArrayList<Finding>();
    for (Installed i : installed) {
      for (Match m : index.match(i.pkg())) out.add(finding(i.component(), m, ratings.get(m.advisory()), analysisId, now));
    }
    return out;
  }

  private static Finding finding(StoredComponent c, Match m, SeverityRating rating, UUID analysisId, Instant now) {
    return Finding.of(new Finding.Subject(c.orgId(), c.projectId(), c.identity(), c.name(), c.group(), c.version(),
        c.purl()), m, rating, analysisId, now);
  }
}
