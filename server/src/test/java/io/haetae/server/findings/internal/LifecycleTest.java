package io.haetae.server.findings.internal;

import static io.haetae.server.findings.FindingState.ACKNOWLEDGED;
import static io.haetae.server.findings.FindingState.FALSE_POSITIVE;
import static io.haetae.server.findings.FindingState.FIXED;
import static io.haetae.server.findings.FindingState.IN_PROGRESS;
import static io.haetae.server.findings.FindingState.NEW;
import static io.haetae.server.findings.FindingState.NOT_AFFECTED;
import static io.haetae.server.findings.FindingState.RISK_ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.IllegalFindingMove;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {

  @ParameterizedTest(name = "{0} -> {1} is refused")
  @CsvSource({
      "ACKNOWLEDGED, NEW", "IN_PROGRESS, NEW",
      "FIXED, ACKNOWLEDGED", "FIXED, IN_PROGRESS", "FIXED, NOT_AFFECTED", "FIXED, RISK_ACCEPTED", "FIXED, FALSE_POSITIVE",
      "NOT_AFFECTED, ACKNOWLEDGED", "NOT_AFFECTED, FIXED", "NOT_AFFECTED, RISK_ACCEPTED",
      "RISK_ACCEPTED, ACKNOWLEDGED", "RISK_ACCEPTED, NOT_AFFECTED", "RISK_ACCEPTED, FALSE_POSITIVE",
      "FALSE_POSITIVE, ACKNOWLEDGED", "FALSE_POSITIVE, IN_PROGRESS", "FALSE_POSITIVE, FIXED", "FALSE_POSITIVE, RISK_ACCEPTED"})
  void refusesIllegalMove(FindingState from, FindingState to) {
    assertThat(Lifecycle.allows(from, to)).isFalse();
    assertThatThrownBy(() -> Lifecycle.check(from, to)).isInstanceOf(IllegalFindingMove.class)
        .hasMessage("a finding in state " + from + " cannot move to " + to);
  }

  @Test
  void aNewFindingMayGoAnywhere() {
    for (FindingState to : FindingState.values()) assertThat(Lifecycle.allows(NEW, to)).isTrue();
  }

  @Test
  void aFixedFindingOnlyComesBackAsNew() {
    assertThat(EnumSet.allOf(FindingState.class).stream().filter(to -> to != FIXED && Lifecycle.allows(FIXED, to)))
        .containsExactly(NEW);
  }

  @Test
  void closedFindingsReopenAsNew() {
    for (FindingState from : new FindingState[] {FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE}) {
      assertThat(Lifecycle.allows(from, NEW)).as(from + " -> NEW").isTrue();
    }
  }

  @Test
  void openFindingsMayBeClosedForEveryReason() {
    for (FindingState from : new FindingState[] {ACKNOWLEDGED, IN_PROGRESS}) {
      for (FindingState to : new FindingState[] {FIXED, NOT_AFFECTED, RISK_ACCEPTED, FALSE_POSITIVE}) {
        assertThat(Lifecycle.allows(from, to)).as(from + " -> " + to).isTrue();
      }
    }
  }

  @Test
  void stayingInAStateIsNotAMove() {
    for (FindingState s : FindingState.values()) assertThat(Lifecycle.allows(s, s)).isTrue();
  }
}
