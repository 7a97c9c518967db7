package io.haetae.server.disclosure;

import java.util.List;
import java.util.Set;

/**
 * A report's case as one caller sees it: the report, its case file (the fabrication flag only
 * for analysts), the invited organisations, the timeline, and what the caller may do.
 */
public record CaseView(Report report, CaseFile file, List<Participant> participants, List<TimelineEntry> timeline,
    boolean mayTriage, boolean mayComment, boolean mayAttachFix, Set<ReportState> allowedMoves) {

  public CaseView {
    participants = List.copyOf(participants);
    timeline = List.copyOf(timeline);
    allowedMoves = Set.copyOf(allowedMoves);
  }
}
