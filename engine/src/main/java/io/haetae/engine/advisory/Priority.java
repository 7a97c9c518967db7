package io.haetae.engine.advisory;

import java.util.Comparator;

/**
 * How urgent a vulnerability is, for ordering alerts and findings (docs/priority.md): first
 * whether it is in CISA's KEV catalogue (exploited now), then its EPSS probability of
 * exploitation (higher first), then its CVSS base score (higher first). Unknown EPSS or CVSS
 * sort after any known value.
 *
 * <pre>{@code
 * findings.sort(Comparator.comparing(f -> f.priority()));   // most urgent first
 * }</pre>
 */
public record Priority(boolean kev, Double epss, Double cvss) implements Comparable<Priority> {

  private static final Comparator<Priority> ORDER = Comparator
      .comparing(Priority::kev, Comparator.reverseOrder())
      .thenComparing(Priority::epss, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(Priority::cvss, Comparator.nullsLast(Comparator.reverseOrder()));

  /** Negative when this one is more urgent. */
  @Override
  public int compareTo(Priority other) {
    return ORDER.compare(this, other);
  }
}
