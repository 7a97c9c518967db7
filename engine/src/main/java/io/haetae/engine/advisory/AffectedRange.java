package io.haetae.engine.advisory;

import java.util.List;

/**
 * One OSV range. Events are kept in source order; evaluation sorts them by version as the
 * OSV schema's algorithm requires. {@code repo} is set for GIT ranges only.
 */
public record AffectedRange(RangeType type, String repo, List<RangeEvent> events, String databaseSpecific) {

  public AffectedRange {
    if (type == null) throw new IllegalArgumentException("range type is missing");
    events = List.copyOf(events);
  }

  public enum RangeType { SEMVER, ECOSYSTEM, GIT }
}
