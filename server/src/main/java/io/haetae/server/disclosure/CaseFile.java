package io.haetae.server.disclosure;

import java.time.Instant;
import java.util.UUID;

/**
 * The case state kept beside a report: its cluster ({@code clusterId} is the cluster's oldest
 * report; {@code duplicateOf} the earlier report it repeats, with the similarity and the rule
 * that joined them), its embargo, and why the hub thinks it probably fabricated (null: no sign).
 */
public record CaseFile(UUID reportId, UUID clusterId, UUID duplicateOf, double similarity, String clusterReason,
    EmbargoState embargo, Instant embargoEndsAt, String fabricated) {

  /** A report nobody has clustered yet (submitted before the disclosure module): alone, no embargo. */
  public static CaseFile alone(UUID reportId) {
    return new CaseFile(reportId, reportId, null, 0, "ALONE", EmbargoState.NONE, null, null);
  }
}
