package io.haetae.server.findings.internal;

import io.haetae.server.findings.DeadlinePolicy;
import io.haetae.server.findings.Finding;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.ExploitSignals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Gives findings their due dates by the policy, with what knowledge and inventory know (docs/deadlines.md). */
@Component
public class Deadlines {

  private final DeadlinePolicy policy;
  private final AdvisoryCatalog catalog;
  private final InventoryService inventory;

  Deadlines(DeadlinePolicy policy, AdvisoryCatalog catalog, InventoryService inventory) {
    this.policy = policy;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  public DeadlinePolicy policy() {
    return policy;
  }

  /** The findings with their due dates, counted from the day each was opened. */
  public List<Finding> dated(List<Finding> findings) {
    if (findings.isEmpty()) return findings;
    Set<String> ids = new HashSet<>();
    Set<UUID> projects = new HashSet<>();
    for (Finding f : findings) {
      ids.addAll(f.ids());
      if (f.projectId() != null) projects.add(f.projectId());
    }
    Map<String, ExploitSignals> signals = catalog.signals(ids);
    Set<UUID> facing = inventory.internetFacing(projects);
    var out = new ArrayList<Finding>(findings.size());
    for (Finding f : findings) out.add(f.withDueDate(dueDate(f, signals, facing.contains(f.projectId()))));
    return out;
  }

  /** The due date of one finding given the signals of its ids. */
  LocalDate dueDate(Finding f, Map<String, ExploitSignals> signals, boolean internetFacing) {
    return policy.dueDate(f.severity(), signalsOf(f, signals, internetFacing),
        LocalDate.ofInstant(f.createdAt(), policy.zone()));
  }

  static DeadlinePolicy.Signals signalsOf(Finding f, Map<String, ExploitSignals> signals, boolean internetFacing) {
    var known = f.ids().stream().map(signals::get).filter(Objects::nonNull).toList();
    if (known.isEmpty()) return DeadlinePolicy.Signals.NONE.internetFacing(internetFacing);
    boolean kev = known.stream().anyMatch(ExploitSignals::kev);
    LocalDate kevDue = known.stream().map(ExploitSignals::kevDueDate).filter(Objects::nonNull)
        .min(LocalDate::compareTo).orElse(null);
    String exploitation = worst(known.stream().map(ExploitSignals::exploitation).toList(), List.of("active", "poc", "none"));
    String automatable = worst(known.stream().map(ExploitSignals::automatable).toList(), List.of("yes", "no"));
    return new DeadlinePolicy.Signals(kev, kevDue, internetFacing, exploitation, automatable);
  }

  /** The first of {@code order} any source says (sources differ only when ids are aliases of one CVE). */
  private static String worst(List<String> said, List<String> order) {
    for (String o : order) if (said.stream().anyMatch(o::equalsIgnoreCase)) return o;
    return null;
  }
}
