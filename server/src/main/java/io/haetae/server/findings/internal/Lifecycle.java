package io.haetae.server.findings.internal;

import static io.haetae.server.findings.FindingState.ACKNOWLEDGED;
import static io.haetae.server.findings.FindingState.FALSE_POSITIVE;
import static io.haetae.server.findings.FindingState.FIXED;
import static io.haetae.server.findings.FindingState.IN_PROGRESS;
import static io.haetae.server.findings.FindingState.NEW;
import static io.haetae.server.findings.FindingState.NOT_AFFECTED;
import static io.haetae.server.findings.FindingState.RISK_ACCEPTED;

import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.IllegalFindingMove;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that says which moves a finding may make (docs/findings.md). Staying in the same
 * state is always allowed (an assessment's details change, no move is recorded).
 *
 * <pre>
 * NEW            -> ACKNOWLEDGED, IN_PROGRESS, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE
 * ACKNOWLEDGED   -> IN_PROGRESS, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE
 * IN_PROGRESS    -> ACKNOWLEDGED, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE
 * FIXED          -> NEW                      (the vulnerable version is back)
 * NOT_AFFECTED   -> NEW, IN_PROGRESS, FALSE_POSITIVE   (reassessed)
 * RISK_ACCEPTED  -> NEW, IN_PROGRESS, FIXED  (expired or withdrawn; upgraded after all)
 * FALSE_POSITIVE -> NEW, NOT_AFFECTED        (reassessed)
 * </pre>
 *
 * Nothing moves back to NEW from an open state: a finding once acknowledged stays acknowledged.
 */
final class Lifecycle {

  private static final Map<FindingState, Set<FindingState>> MOVES = new EnumMap<>(FindingState.class);

  static {
    allow(NEW, ACKNOWLEDGED, IN_PROGRESS, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE);
    allow(ACKNOWLEDGED, IN_PROGRESS, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE);
    allow(IN_PROGRESS, ACKNOWLEDGED, FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE);
    allow(FIXED, NEW);
    allow(NOT_AFFECTED, NEW, IN_PROGRESS, FALSE_POSITIVE);
    allow(RISK_ACCEPTED, NEW, IN_PROGRESS, FIXED);
    allow(FALSE_POSITIVE, NEW, NOT_AFFECTED);
  }

  private Lifecycle() {}

  private static void allow(FindingState from, FindingState first, FindingState... rest) {
    MOVES.put(from, EnumSet.of(first, rest));
  }

  static boolean allows(FindingState from, FindingState to) {
    return from == to || MOVES.get(from).contains(to);
  }

  /** Refuses a move the table does not allow. */
  static void check(FindingState from, FindingState to) {
    if (!allows(from, to)) throw new IllegalFindingMove(from, to);
  }
}
