package io.haetae.server.disclosure.internal;

import io.haetae.engine.version.PackageKey;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.Ssvc;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.ExploitSignals;
import io.haetae.server.knowledge.Exploitation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * SSVC inputs per cluster, from what the hub holds: KEV, EPSS and CISA's ADP decision points of
 * the CVE ids the reports name; the reports' CVSS vectors; the reports' words (a proof of
 * concept); and the organisations whose SBOMs hold the package (the reverse-matching index).
 */
@Component
public class TriageRanking {

  static final double EPSS_POC = 0.1;
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,7}");
  private static final Pattern POC = Pattern.compile("(?i)proof[- ]of[- ]concept|\\bpoc\\b|exploit code|working exploit|개념\\s*증명|익스플로잇");

  private final AdvisoryCatalog catalog;
  private final InventoryService inventory;

  TriageRanking(AdvisoryCatalog catalog, InventoryService inventory) {
    this.catalog = catalog;
    this.inventory = inventory;
  }

  /** The inputs of each cluster (keyed by cluster id), from its reports. */
  public Map<UUID, Ssvc> rank(Map<UUID, List<Report>> clusters) {
    var cves = new HashSet<String>();
    var keys = new HashSet<PackageKey>();
    clusters.values().forEach(rs -> rs.forEach(r -> {
      cves.addAll(cves(r));
      VersionEvidence.key(r).ifPresent(keys::add);
    }));
    Exploitation exploitation = catalog.exploitation(cves);
    Map<String, ExploitSignals> signals = catalog.signals(cves);
    Map<PackageKey, Integer> holders = holders(keys);
    var out = new HashMap<UUID, Ssvc>();
    clusters.forEach((id, reports) -> out.put(id, inputs(reports, exploitation, signals, holders)));
    return out;
  }

  private Map<PackageKey, Integer> holders(Collection<PackageKey> keys) {
    var orgs = new HashMap<PackageKey, Set<UUID>>();
    if (keys.isEmpty()) return Map.of();
    for (var c : inventory.componentsOf(keys)) {
      VersionEvidence.key(c.ecosystem(), c.packageName()).ifPresent(k -> orgs.computeIfAbsent(k, x -> new HashSet<>()).add(c.orgId()));
    }
    var out = new HashMap<PackageKey, Integer>();
    orgs.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }

  private static Ssvc inputs(List<Report> reports, Exploitation kev, Map<String, ExploitSignals> signals, Map<PackageKey, Integer> holders) {
    var why = new ArrayList<String>();
    var e = Ssvc.Exploitation.NONE;
    boolean automatable = false;
    boolean total = false;
    int held = 0;
    for (Report r : reports) {
      for (String cve : cves(r)) {
        if (kev.kev().contains(cve)) {
          e = Ssvc.Exploitation.ACTIVE;
          why.add(cve + " is in KEV");
        } else if (kev.epss().getOrDefault(cve, 0.0) >= EPSS_POC && e == Ssvc.Exploitation.NONE) {
          e = Ssvc.Exploitation.POC;
          why.add(cve + " EPSS " + kev.epss().get(cve));
        }
        var s = signals.get(cve);
        if (s != null) {
          if ("active".equals(s.exploitation()) && e != Ssvc.Exploitation.ACTIVE) {
            e = Ssvc.Exploitation.ACTIVE;
            why.add(cve + " exploitation active (CISA ADP)");
          }
          if ("poc".equals(s.exploitation()) && e == Ssvc.Exploitation.NONE) e = Ssvc.Exploitation.POC;
          automatable |= "yes".equals(s.automatable());
          total |= "total".equals(s.technicalImpact());
        }
      }
      String text = r.submission().title() + " " + r.submission().description();
      if (e == Ssvc.Exploitation.NONE && POC.matcher(text).find()) {
        e = Ssvc.Exploitation.POC;
        why.add("report " + r.id() + " describes a proof of concept");
      }
      String v = r.submission().cvssVector();
      if (v != null) {
        automatable |= automatable(v);
        total |= total(v);
      }
      held = Math.max(held, VersionEvidence.key(r).map(k -> holders.getOrDefault(k, 0)).orElse(0));
    }
    if (automatable) why.add("automatable: network, no privileges, no user interaction");
    if (total) why.add("technical impact total: confidentiality and integrity high");
    why.add(held + " organisations hold the package");
    return new Ssvc(e, automatable, total, held, Ssvc.decide(e, automatable, total, held), why.stream().distinct().toList());
  }

  static Set<String> cves(Report r) {
    var out = new HashSet<String>();
    var s = r.submission();
    var m = CVE.matcher((s.title() + " " + s.description() + " " + String.join(" ", s.references())).toUpperCase(Locale.ROOT));
    while (m.find()) out.add(m.group());
    return out;
  }

  /** CVSS 3.x AV:N/PR:N/UI:N, or 4.0 AV:N/AT:N/PR:N/UI:N: an attacker can script it end to end (SSVC's Automatable). */
  static boolean automatable(String vector) {
    var m = metrics(vector);
    boolean base = "N".equals(m.get("AV")) && "N".equals(m.get("PR")) && "N".equals(m.get("UI"));
    return vector.startsWith("CVSS:4") ? base && "N".equals(m.get("AT")) : base;
  }

  /** Confidentiality and integrity both high: total control in SSVC's sense. */
  static boolean total(String vector) {
    var m = metrics(vector);
    return vector.startsWith("CVSS:4") ? "H".equals(m.get("VC")) && "H".equals(m.get("VI"))
        : "H".equals(m.get("C")) && "H".equals(m.get("I"));
  }

  private static Map<String, String> metrics(String vector) {
    var out = new HashMap<String, String>();
    for (String part : vector.split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) out.put(part.substring(0, colon), part.substring(colon + 1));
    }
    return out;
  }
}
