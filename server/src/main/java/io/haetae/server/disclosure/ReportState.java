package io.haetae.server.disclosure;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a report stands, after the Vultron report-management process (CERT/CC, "Designing
 * Vultron", CMU/SEI-2022-SR-012, section 2: RM states Received, Valid, Invalid, Deferred,
 * Accepted, Closed). The allowed moves are this table and nowhere else:
 *
 * <pre>
 * RECEIVED -> VALID | INVALID
 * INVALID  -> VALID | CLOSED        (new information re-opens it)
 * VALID    -> ACCEPTED | DEFERRED
 * DEFERRED -> ACCEPTED | CLOSED
 * ACCEPTED -> DEFERRED | CLOSED
 * CLOSED   -> (none)
 * </pre>
 *
 * {@code ACCEPTED} means the coordinator works the case: publishing an advisory (issue 16 part 3)
 * hangs off the {@link ReportMoved} event that enters it.
 */
public enum ReportState {
  RECEIVED, VALID, INVALID, DEFERRED, ACCEPTED, CLOSED;

  public Set<ReportState> next() {
    return switch (this) {
      case RECEIVED -> EnumSet.of(VALID, INVALID);
      case INVALID -> EnumSet.of(VALID, CLOSED);
      case VALID -> EnumSet.of(ACCEPTED, DEFERRED);
      case DEFERRED -> EnumSet.of(ACCEPTED, CLOSED);
      case ACCEPTED -> EnumSet.of(DEFERRED, CLOSED);
      case CLOSED -> EnumSet.noneOf(ReportState.class);
    };
  }

  public boolean mayMoveTo(ReportState to) {
    return next().contains(to);
  }

  /** Still on an analyst's desk: counted as open on the triage list. */
  public boolean isOpen() {
    return this != INVALID && this != CLOSED;
  }

  /** The state named, case-insensitively (Vultron writes them lower-case); null when unknown. */
  public static ReportState parse(String value) {
    if (value == null) return null;
    for (ReportState s : values()) if (s.name().equalsIgnoreCase(value.strip())) return s;
    return null;
  }

  public static ReportState of(String stored) {
    return valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
