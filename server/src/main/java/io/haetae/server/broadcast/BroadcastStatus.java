package io.haetae.server.broadcast;

import java.time.Instant;
import java.util.UUID;

/**
 * A broadcast and how far it got: {@code recipients} organisations addressed, {@code delivered}
 * accepted by the mail server, {@code failed} given up on, {@code acknowledged} confirmed by the
 * recipient (only counted when acknowledgement was asked for). The rest is still being sent.
 */
public record BroadcastStatus(UUID id, String kind, String title, String audience, boolean requireAcknowledgement,
    Instant createdAt, String createdBy, UUID senderOrg, long recipients, long delivered, long failed, long acknowledged) {

  public long pending() {
    return recipients - delivered - failed;
  }
}
