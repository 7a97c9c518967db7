package io.haetae.server.alert.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an alert stands. The allowed moves are here and nowhere else: a sent alert is
 * acknowledged or escalated; an escalated one can still be acknowledged; an acknowledged one is
 * done (docs/alerts.md).
 */
enum AlertState {
  SENT, ACKNOWLEDGED, ESCALATED;

  /** The states this one may move to. */
  Set<AlertState> next() {
    return switch (this) {
      case SENT -> EnumSet.of(ACKNOWLEDGED, ESCALATED);
      case ESCALATED -> EnumSet.of(ACKNOWLEDGED);
      case ACKNOWLEDGED -> EnumSet.noneOf(AlertState.class);
    };
  }

  boolean mayMoveTo(AlertState to) {
    return next().contains(to);
  }

  /** The states from which a move to {@code to} is allowed (for conditional updates). */
  static Set<AlertState> from(AlertState to) {
    var out = EnumSet.noneOf(AlertState.class);
    for (AlertState s : values()) if (s.mayMoveTo(to)) out.add(s);
    return out;
  }

  /** Refuses a move the lifecycle does not allow. */
  void requireMove(AlertState to) {
    if (!mayMoveTo(to)) throw new IllegalAlertMove(this, to);
  }

  /** A move the alert lifecycle forbids (answered 409). */
  static final class IllegalAlertMove extends RuntimeException {
    final AlertState from;
    final AlertState to;

    IllegalAlertMove(AlertState from, AlertState to) {
      super("an alert in state " + from + " cannot become " + to);
      this.from = from;
      this.to = to;
    }
  }
}
