package io.haetae.server.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert reached (or was handed to) at least one channel of an organisation: the moment the
 * organisation was notified of these findings, from which time-to-acknowledge and time-to-fix
 * are measured.
 */
public record AlertSent(UUID alertId, UUID orgId, UUID analysisId, Instant sentAt, List<UUID> findingIds) {
  public AlertSent {
    findingIds = List.copyOf(findingIds);
  }
}
