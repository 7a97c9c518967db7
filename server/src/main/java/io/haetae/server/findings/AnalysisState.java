package io.haetae.server.findings;

/**
 * Dependency-Track's analysis states, and how they map onto {@link FindingState}
 * (docs/findings.md). Both directions round-trip:
 *
 * <pre>
 * NEW            NOT_SET          (an undecidable NEW finding shows IN_TRIAGE, with the reason as detail)
 * ACKNOWLEDGED   IN_TRIAGE
 * IN_PROGRESS    EXPLOITABLE
 * FIXED          RESOLVED
 * NOT_AFFECTED   NOT_AFFECTED
 * RISK_ACCEPTED  EXPLOITABLE with analysisResponse WILL_NOT_FIX
 * FALSE_POSITIVE FALSE_POSITIVE
 * </pre>
 */
public enum AnalysisState {
  NOT_SET, EXPLOITABLE, IN_TRIAGE, RESOLVED, FALSE_POSITIVE, NOT_AFFECTED;

  /** How Dependency-Track clients see a finding's state. */
  public static AnalysisState of(FindingState state) {
    return switch (state) {
      case NEW -> NOT_SET;
      case ACKNOWLEDGED -> IN_TRIAGE;
      case IN_PROGRESS, RISK_ACCEPTED -> EXPLOITABLE;
      case FIXED -> RESOLVED;
      case NOT_AFFECTED -> NOT_AFFECTED;
      case FALSE_POSITIVE -> FALSE_POSITIVE;
    };
  }

  /** What the finding shows for this finding: its state's analysis, IN_TRIAGE for an undecidable NEW one. */
  public static AnalysisState of(Finding f) {
    return f.state() == FindingState.NEW && f.undecidable() ? IN_TRIAGE : of(f.state());
  }
}
