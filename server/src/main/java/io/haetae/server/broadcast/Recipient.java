package io.haetae.server.broadcast;

import java.time.Instant;
import java.util.UUID;

/** One addressed organisation of a broadcast: where it went and what became of it. */
public record Recipient(UUID orgId, String orgName, String email, State state, Instant sentAt, Instant acknowledgedAt,
    String error) {

  /** Sending state; acknowledgement is separate ({@code acknowledgedAt}). */
  public enum State { PENDING, SENT, FAILED }
}
