package io.haetae.server.identity.internal;

import java.time.Instant;

/** Where an invitation's mail stands, for the note the inviter sees beside the link. */
sealed interface MailStatus {

  /** Queued, no attempt finished yet. */
  record Queued() implements MailStatus {}

  /** The SMTP server accepted it. */
  record Sent(Instant at) implements MailStatus {}

  /** The last attempt failed; it is retried (the link works meanwhile). */
  record NotSentYet(String problem) implements MailStatus {}

  /** Its name for templates: {@code queued}, {@code sent}, {@code failed}. */
  default String kind() {
    return switch (this) {
      case Queued q -> "queued";
      case Sent s -> "sent";
      case NotSentYet n -> "failed";
    };
  }
}
