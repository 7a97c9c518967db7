package io.haetae.server.disclosure;

import io.haetae.server.identity.Marking;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored vulnerability report: what was submitted, by whom, for which organisation, when, under
 * which marking, and how far triage has taken it ({@link ReportState#RECEIVED} at first).
 */
public record Report(UUID id, ReportSubmission submission, Marking marking, String submitter, Instant submittedAt,
    ReportState state) {}
