package io.haetae.server.broadcast.internal;

import java.util.UUID;

/** A claimed recipient row: one message to send. */
record Outgoing(UUID broadcast, UUID org, String orgName, String email, String language, int attempts) {

  /** The same for every attempt, so a resend after a crash can be recognised as the same mail. */
  String messageId() {
    return "<" + broadcast + "." + org + "@haetae>";
  }
}
