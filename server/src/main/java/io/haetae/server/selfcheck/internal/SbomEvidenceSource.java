package io.haetae.server.selfcheck.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.SbomScan;
import io.haetae.engine.match.UpgradePlanner;
import io.haetae.engine.match.Verdict;
import io.haetae.engine.sbom.Sbom;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.findings.Finding;
import io.haetae.server.identity.TlpPolicy;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.Exploitation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Matches uploaded SBOMs against the public (TLP:CLEAR) advisories, as an anonymous visitor may
 * see them: the same engine as the hub's own matching ({@link SbomScan}), each component's
 * upgrade from {@link UpgradePlanner}, and KEV/EPSS from the knowledge base.
 */
@Component
class SbomEvidenceSource {

  private final AdvisoryCatalog catalog;

  SbomEvidenceSource(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  SbomEvidence scan(int files, List<Sbom> sboms) {
    var keys = new LinkedHashSet<PackageKey>();
    for (Sbom sbom : sboms) {
      for (var c : sbom.components()) {
        io.haetae.engine.sbom.PurlDeriver.purlOf(c).flatMap(InstalledPackage::fromPurl).ifPresent(i -> keys.add(i.key()));
      }
    }
    List<Advisory> advisories = keys.isEmpty() ? List.of() : catalog.forMatching(keys).stream()
        .filter(s -> TlpPolicy.maySee(null, s.marking())).map(s -> s.advisory()).toList();
    var index = AdvisoryIndex.of(advisories);
    var findings = new ArrayList<SbomEvidence.ScanFinding>();
    int components = 0;
    int unmatched = 0;
    var seen = new java.util.HashSet<String>();
    var plans = new HashMap<String, String>();
    var hits = new ArrayList<SbomScan.Hit>();
    for (Sbom sbom : sboms) {
      var scan = SbomScan.of(sbom, index);
      components += scan.components();
      unmatched += scan.unmatched().size();
      for (var hit : scan.hits()) if (seen.add(hit.purl() + "|" + hit.match().advisory().id())) hits.add(hit);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (var hit : hits) {
      ids.add(hit.match().advisory().id());
      ids.addAll(hit.match().advisory().aliases());
    }
    Exploitation exploitation = catalog.exploitation(ids);
    var now = Instant.now();
    for (var hit : hits) {
      var c = hit.component();
      var f = Finding.of(new Finding.Subject(null, null, hit.purl(), c.name(), c.group(), c.version(), hit.purl()),
          hit.match(), UUID.randomUUID(), now);
      String target = plans.computeIfAbsent(hit.purl(), purl -> InstalledPackage.fromPurl(purl)
          .map(i -> UpgradePlanner.plan(i, advisories).target()).orElse(null));
      var allIds = new ArrayList<String>(f.aliases());
      allIds.add(f.advisoryId());
      var priority = exploitation.priority(allIds, f.score());
      findings.add(new SbomEvidence.ScanFinding(f.componentName(), f.componentGroup(), f.componentVersion(), hit.purl(),
          f.advisoryId(), f.aliases(), f.title(), f.severity(), f.score(), priority.kev(), priority.epss(),
          f.fixedVersion(), target, !(hit.match().verdict() instanceof Verdict.Affected), f.reason()));
    }
    findings.sort(Comparator.comparing((SbomEvidence.ScanFinding f) -> !f.kev())
        .thenComparing(SbomEvidence.ScanFinding::severity)
        .thenComparing(f -> f.epss() == null ? 0 : -f.epss())
        .thenComparing(SbomEvidence.ScanFinding::purl).thenComparing(SbomEvidence.ScanFinding::advisoryId));
    return new SbomEvidence(files, components, unmatched, findings);
  }

  /** The findings in the hub's finding-list shape (Dependency-Track's), with priority and upgradeTo added. */
  static List<Map<String, Object>> json(SbomEvidence evidence) {
    var project = UUID.nameUUIDFromBytes("haetae-self-check".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var out = new ArrayList<Map<String, Object>>();
    var now = Instant.now();
    for (var f : evidence.findings()) {
      var finding = new Finding(UUID.randomUUID(), null, project, f.purl(), f.component(), f.group(), f.version(),
          f.purl(), f.advisoryId(), f.aliases(), f.title(), f.severity(), f.cvss(), f.fixedVersion(),
          f.undecidable() ? Finding.UNDECIDABLE : Finding.AFFECTED, f.reason(),
          io.haetae.server.findings.FindingState.NEW, null, now);
      var componentId = UUID.nameUUIDFromBytes(f.purl().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var m = new java.util.LinkedHashMap<>(io.haetae.server.findings.FindingJson.of(project, componentId, finding));
      var priority = new java.util.LinkedHashMap<String, Object>();
      priority.put("kev", f.kev());
      priority.put("epss", f.epss());
      priority.put("cvss", f.cvss());
      m.put("priority", priority);
      m.put("upgradeTo", f.upgradeTo());
      m.remove("attribution");
      out.add(m);
    }
    return out;
  }
}
