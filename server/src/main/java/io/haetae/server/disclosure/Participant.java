package io.haetae.server.disclosure;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An organisation invited to a case, and as what. */
public record Participant(UUID orgId, String orgName, Kind kind, String invitedBy, Instant invitedAt) {

  /** VENDOR: makes or holds the affected product. COORDINATOR: an ISAC whose analysts triage the case. */
  public enum Kind {
    VENDOR, COORDINATOR;

    public static Kind parse(String value) {
      if (value == null || value.isBlank()) return VENDOR;
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
