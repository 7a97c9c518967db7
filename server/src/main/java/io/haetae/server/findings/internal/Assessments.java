package io.haetae.server.findings.internal;

import io.haetae.server.findings.AnalysisState;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingState;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an analysis given in Dependency-Track's or VEX's terms to a finding (docs/findings.md
 * has the mapping). Where the lifecycle has no direct move (NOT_AFFECTED to IN_TRIAGE, say) the
 * finding is reopened first and then moved: two steps, each in the trail, event and audit log.
 */
@Component
class Assessments {

  /** An analysis: the state and, null meaning "keep what the finding has", the rest. */
  record Decision(AnalysisState state, String justification, String response, String details, Boolean suppressed,
      LocalDate riskExpires) {}

  private final StateChanges changes;

  Assessments(StateChanges changes) {
    this.changes = changes;
  }

  /** The finding state an analysis state means for this finding. */
  static FindingState target(Finding f, AnalysisState state, String response) {
    return switch (state) {
      case NOT_SET -> f.state().isOpen() ? f.state() : FindingState.NEW;
      case IN_TRIAGE -> FindingState.ACKNOWLEDGED;
      case EXPLOITABLE -> "will_not_fix".equals(response) ? FindingState.RISK_ACCEPTED : FindingState.IN_PROGRESS;
      case RESOLVED -> FindingState.FIXED;
      case FALSE_POSITIVE -> FindingState.FALSE_POSITIVE;
      case NOT_AFFECTED -> FindingState.NOT_AFFECTED;
    };
  }

  @Transactional
  Finding apply(Finding f, Decision d, String actor, String reason) {
    var a = f.assessment();
    String response = d.response() != null ? d.response() : a.response();
    FindingState to = target(f, d.state(), response);
    String details = d.details() != null ? d.details() : a.details();
    var assessment = new Finding.Assessment(
        d.justification() != null ? d.justification() : a.justification(), response, details,
        d.suppressed() != null ? d.suppressed() : a.suppressed(),
        to == FindingState.RISK_ACCEPTED ? (details != null ? details : reason) : null,
        to == FindingState.RISK_ACCEPTED ? (d.riskExpires() != null ? d.riskExpires() : a.riskExpires()) : null);
    if (!Lifecycle.allows(f.state(), to)) {
      f = changes.move(f, FindingState.NEW, Finding.Assessment.NONE, actor, "reassessed: " + reason);
    }
    return changes.move(f, to, assessment, actor, reason);
  }
}
