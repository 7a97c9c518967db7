package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Priority;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.UpgradePlanner;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.findings.Finding;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.Exploitation;
import io.haetae.server.knowledge.StoredAdvisory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Turns the findings an analysis opened into what an alert reports: per component the one
 * upgrade that clears every advisory on it (engine {@link UpgradePlanner}), per finding the
 * advisory's workaround, due date, TLP label and priority inputs; most urgent first
 * (docs/priority.md), components ordered by their most urgent finding.
 */
@Component
class AlertComposer {

  private final AdvisoryCatalog catalog;

  AlertComposer(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  List<Item> compose(List<Finding> findings) {
    var ids = findings.stream().flatMap(f -> Stream.concat(Stream.of(f.advisoryId()), f.aliases().stream())).distinct().toList();
    Exploitation exploitation = catalog.exploitation(ids);
    Map<String, Tlp> tlp = catalog.tlpOf(findings.stream().map(Finding::advisoryId).distinct().toList());
    Map<String, String> workarounds = catalog.workarounds(findings.stream().map(Finding::advisoryId).distinct().toList());

    var byComponent = new LinkedHashMap<String, List<Finding>>();
    for (Finding f : findings) byComponent.computeIfAbsent(groupKey(f), k -> new ArrayList<>()).add(f);
    var targets = new HashMap<String, String>();
    byComponent.forEach((component, group) -> targets.put(component, target(group)));

    Comparator<Finding> urgency = Comparator.comparing((Finding f) -> priority(f, exploitation))
        .thenComparing(Finding::severity).thenComparing(Finding::advisoryId);
    var groups = byComponent.values().stream().map(g -> g.stream().sorted(urgency).toList())
        .sorted(Comparator.comparing((List<Finding> g) -> g.getFirst(), urgency)).toList();
    var out = new ArrayList<Item>();
    for (var group : groups) {
      for (Finding f : group) {
        Priority p = priority(f, exploitation);
        out.add(new Item(f.id(), out.size() + 1, f.projectId(), f.componentKey(), componentOf(f), f.componentVersion(),
            f.advisoryId(), f.aliases(), f.title(), f.severity(), f.score(), p.kev(), p.epss(),
            tlp.getOrDefault(f.advisoryId(), Tlp.CLEAR), targets.get(groupKey(f)), workarounds.get(f.advisoryId()),
            f.dueDate()));
      }
    }
    return out;
  }

  /** The component as a CISO names it: "com.fasterxml.jackson.core:jackson-databind". */
  static String componentOf(Finding f) {
    return f.componentGroup() == null || f.componentGroup().isBlank() ? f.componentName()
        : f.componentGroup() + ":" + f.componentName();
  }

  private static String groupKey(Finding f) {
    return componentOf(f) + "\u0000" + f.componentVersion();
  }

  private static Priority priority(Finding f, Exploitation exploitation) {
    return exploitation.priority(Stream.concat(Stream.of(f.advisoryId()), f.aliases().stream()).toList(), f.score());
  }

  /**
   * The upgrade for one component: the planner's target over every advisory on the package that
   * is public or among the findings (an upgrade must not walk into another advisory's range);
   * without a purl, the highest fixed version the findings name.
   */
  private String target(List<Finding> group) {
    Finding first = group.getFirst();
    var installed = first.componentPurl() == null ? java.util.Optional.<InstalledPackage>empty()
        : InstalledPackage.fromPurl(first.componentPurl());
    if (installed.isPresent()) {
      Set<String> own = group.stream().map(Finding::advisoryId).collect(Collectors.toSet());
      List<Advisory> advisories = catalog.forMatching(List.of(installed.get().key())).stream()
          .filter(s -> s.marking().tlp() == Tlp.CLEAR || own.contains(s.advisory().id()))
          .map(StoredAdvisory::advisory).toList();
      var plan = UpgradePlanner.plan(installed.get(), advisories);
      if (plan.target() != null) return plan.target();
    }
    return group.stream().map(Finding::fixedVersion).filter(v -> v != null).findFirst().orElse(null);
  }
}
