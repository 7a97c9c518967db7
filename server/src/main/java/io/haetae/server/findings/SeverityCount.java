package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import java.util.EnumMap;
import java.util.Map;

/** Open findings by severity band. */
public record SeverityCount(Map<Severity, Long> bySeverity) {

  public SeverityCount {
    var copy = new EnumMap<Severity, Long>(Severity.class);
    for (Severity s : Severity.values()) copy.put(s, bySeverity.getOrDefault(s, 0L));
    bySeverity = Map.copyOf(copy);
  }

  public long of(Severity s) {
    return bySeverity.get(s);
  }

  public long total() {
    return bySeverity.values().stream().mapToLong(Long::longValue).sum();
  }
}
