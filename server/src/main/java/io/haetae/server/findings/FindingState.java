package io.haetae.server.findings;

/**
 * Where a finding stands in the patch response. NEW, ACKNOWLEDGED and IN_PROGRESS are open:
 * they count as exposure and run against their due date. The others close the finding, each
 * for its own reason (CycloneDX VEX / Dependency-Track analysis states map onto them). The
 * allowed moves between them are decided in one place (the findings module's lifecycle).
 */
public enum FindingState {
  NEW, ACKNOWLEDGED, IN_PROGRESS, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE;

  /** The open states as an SQL list, for {@code state IN ...}; derived from {@link #isOpen()}. */
  public static final String OPEN_SQL = java.util.Arrays.stream(values()).filter(FindingState::isOpen)
      .map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", ", "(", ")"));

  /** Still exposed: counted as open, and overdue after its due date. */
  public boolean isOpen() {
    return this == NEW || this == ACKNOWLEDGED || this == IN_PROGRESS;
  }
}
