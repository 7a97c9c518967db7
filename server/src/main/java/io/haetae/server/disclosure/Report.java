package io.haetae.server.knowledge;

import io.haetae.server.identity.Marking;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored vulnerability report: what was submitted, by whom, for which organisation, when, under
 * which marking, and how far the national operators have taken it ({@code RECEIVED} at first).
 */
public record Report(UUID id, ReportSubmission submission, Marking marking, String submitter, Instant submittedAt,
    String state) {

  public static final String RECEIVED = "RECEIVED";
}
