package io.haetae.server.disclosure;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One cluster of reports as the triage list shows it: named after its oldest report, its
 * package, how many reports and in which states, how many look fabricated, and its SSVC inputs.
 */
public record ClusterSummary(UUID clusterId, String title, String ecosystem, String packageName, String cwe, int size,
    Map<ReportState, Integer> states, int fabricated, Instant firstSubmittedAt, Ssvc ssvc) {

  public ClusterSummary {
    states = Map.copyOf(states);
  }

  public int open() {
    return states.entrySet().stream().filter(e -> e.getKey().isOpen()).mapToInt(Map.Entry::getValue).sum();
  }
}
