package io.haetae.engine.match;

import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.PurlDeriver;
import io.haetae.engine.sbom.Sbom;
import java.util.ArrayList;
import java.util.List;

/**
 * An SBOM matched against an advisory index, offline: every component's matches, and the
 * components no advisory can reach with the reason, so a scan never passes them silently.
 *
 * <pre>{@code
 * SbomScan scan = SbomScan.of(sbom, AdvisoryIndex.of(advisories));
 * scan.hits().forEach(h -> System.out.println(h.purl() + " " + h.match().advisory().id()));
 * }</pre>
 */
public record SbomScan(List<Hit> hits, List<Unmatched> unmatched, int components) {

  /** One advisory affecting (or undecidable for) one component, under the purl it was matched by. */
  public record Hit(Component component, String purl, Match match) {}

  public record Unmatched(Component component, String reason) {}

  public SbomScan {
    hits = List.copyOf(hits);
    unmatched = List.copyOf(unmatched);
  }

  public static SbomScan of(Sbom sbom, AdvisoryIndex index) {
    var hits = new ArrayList<Hit>();
    var unmatched = new ArrayList<Unmatched>();
    for (var c : sbom.components()) {
      var purl = PurlDeriver.purlOf(c);
      var installed = purl.flatMap(InstalledPackage::fromPurl);
      if (installed.isEmpty()) {
        unmatched.add(new Unmatched(c, PurlDeriver.unmatchedReason(c)));
        continue;
      }
      for (var m : index.match(installed.get())) hits.add(new Hit(c, purl.get(), m));
    }
    return new SbomScan(hits, unmatched, sbom.components().size());
  }
}
