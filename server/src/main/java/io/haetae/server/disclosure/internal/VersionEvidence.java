package io.haetae.server.disclosure.internal;

import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.disclosure.Report;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.knowledge.AdvisoryCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Whether a report names a version its package probably never had. The hub knows a package's
 * versions only from what it stores: the versions and range bounds of its advisories (any TLP)
 * and the versions of SBOM components organisations uploaded. A named affected version that is
 * none of these is suspicious when the hub knows the package well (five versions or more) or
 * when it is newer than every version known. This is evidence for an analyst, not proof: the
 * hub has no registry's full version list offline, and it cannot tell whether a named file or
 * function exists (docs/disclosure.md).
 */
@Component
public class VersionEvidence {

  static final int WELL_KNOWN = 5;
  private static final Pattern VERSION = Pattern.compile("(?<![\\w.])v?(\\d+(?:\\.\\d+)+(?:[-+][0-9A-Za-z.]+)?)(?![\\w])");

  private final AdvisoryCatalog catalog;
  private final InventoryService inventory;

  VersionEvidence(AdvisoryCatalog catalog, InventoryService inventory) {
    this.catalog = catalog;
    this.inventory = inventory;
  }

  /** Every version the hub knows of each package. */
  public Map<PackageKey, Set<String>> known(Collection<PackageKey> packages) {
    var out = new HashMap<PackageKey, Set<String>>();
    if (packages.isEmpty()) return out;
    var wanted = Set.copyOf(packages);
    for (var stored : catalog.forMatching(wanted)) {
      for (AffectedPackage ap : stored.advisory().affected()) {
        var key = key(ap.ecosystem(), ap.name());
        if (key.isEmpty() || !wanted.contains(key.get())) continue;
        var versions = out.computeIfAbsent(key.get(), k -> new java.util.HashSet<>());
        ap.versions().forEach(v -> versions.add(normal(v)));
        ap.ranges().forEach(r -> r.events().stream().map(RangeEvent::version).filter(v -> !v.equals("0")).map(VersionEvidence::normal)
            .forEach(versions::add));
      }
    }
    for (StoredComponent c : inventory.componentsOf(wanted)) {
      if (c.version() == null || c.ecosystem() == null) continue;
      var key = key(c.ecosystem(), c.packageName());
      key.ifPresent(k -> out.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(normal(c.version())));
    }
    return out;
  }

  /** Why the report probably names a version that does not exist, or null when nothing says so. */
  public String check(Report report, Map<PackageKey, Set<String>> known) {
    var key = key(report);
    if (key.isEmpty()) return null;
    Set<String> versions = known.getOrDefault(key.get(), Set.of());
    if (versions.isEmpty()) return null;
    Ecosystem eco = key.get().ecosystem();
    String newest = newest(eco, versions);
    var problems = new ArrayList<String>();
    for (String named : named(report.submission().affectedVersions())) {
      if (versions.contains(named)) continue;
      boolean newer = newest != null && compare(eco, named, newest) > 0;
      if (newer || versions.size() >= WELL_KNOWN) {
        problems.add("version " + named + (newer ? " is newer than every version the hub knows" : " is not among the versions the hub knows"));
      }
    }
    if (problems.isEmpty()) return null;
    String text = String.join("; ", problems) + " (" + versions.size() + " known for " + key.get() + ", newest " + newest + ")";
    return text.length() > 1000 ? text.substring(0, 997) + "..." : text;
  }

  /** The package key of a report, when its ecosystem is one the hub matches. */
  public static Optional<PackageKey> key(Report report) {
    return key(report.submission().ecosystem(), report.submission().packageName());
  }

  static Optional<PackageKey> key(String ecosystem, String name) {
    if (ecosystem == null || name == null || name.isBlank()) return Optional.empty();
    return Ecosystem.fromOsv(ecosystem).map(e -> new PackageKey(e, name));
  }

  /** The versions a report says are affected: range starts and last-affected bounds, or the versions its free text names. */
  static List<String> named(JsonNode affected) {
    var out = new LinkedHashSet<String>();
    if (affected == null) return List.of();
    if (affected.isString()) {
      var m = VERSION.matcher(affected.asString());
      while (m.find()) out.add(normal(m.group(1)));
    } else {
      for (JsonNode range : affected) {
        for (JsonNode event : range.path("events")) {
          String v = event.has("introduced") ? event.get("introduced").asString()
              : event.has("last_affected") ? event.get("last_affected").asString() : null;
          if (v != null && !v.equals("0") && !range.path("type").asString().equals("GIT")) out.add(normal(v));
        }
      }
    }
    return List.copyOf(out);
  }

  private static String normal(String v) {
    String s = v.strip();
    return s.length() > 1 && (s.charAt(0) == 'v' || s.charAt(0) == 'V') && Character.isDigit(s.charAt(1)) ? s.substring(1) : s;
  }

  private static String newest(Ecosystem eco, Set<String> versions) {
    String best = null;
    for (String v : new TreeSet<>(versions)) if (best == null || compare(eco, v, best) > 0) best = v;
    return best;
  }

  /** The ecosystem's ordering; versions it cannot read compare equal (never "newer"). */
  private static int compare(Ecosystem eco, String a, String b) {
    try {
      return eco.scheme().compare(a, b);
    } catch (InvalidVersionException | RuntimeException e) {
      return 0;
    }
  }
}
