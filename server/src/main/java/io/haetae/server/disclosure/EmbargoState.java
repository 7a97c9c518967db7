package io.haetae.server.disclosure;

import java.util.EnumSet;
import java.util.Set;

/**
 * A case's embargo, after Vultron's embargo-management states (None, Proposed, Active, eXited;
 * Vultron's "Revise" is a new proposal while active). Moves:
 *
 * <pre>
 * NONE     -> PROPOSED
 * PROPOSED -> ACTIVE | NONE          (accepted, or rejected)
 * ACTIVE   -> PROPOSED | EXITED      (a revision proposed, or ended: published or broken)
 * EXITED   -> (none)
 * </pre>
 *
 * Proposing and activating need an end; its date and time are read in the agency's time zone.
 */
public enum EmbargoState {
  NONE, PROPOSED, ACTIVE, EXITED;

  public Set<EmbargoState> next() {
    return switch (this) {
      case NONE -> EnumSet.of(PROPOSED);
      case PROPOSED -> EnumSet.of(ACTIVE, NONE);
      case ACTIVE -> EnumSet.of(PROPOSED, EXITED);
      case EXITED -> EnumSet.noneOf(EmbargoState.class);
    };
  }

  public boolean needsEnd() {
    return this == PROPOSED || this == ACTIVE;
  }

  public static EmbargoState parse(String value) {
    if (value == null) return null;
    for (EmbargoState s : values()) if (s.name().equalsIgnoreCase(value.strip())) return s;
    return null;
  }
}
