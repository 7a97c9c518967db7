package io.haetae.server.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertStateTest {

  @Test
  void aSentAlertIsAcknowledgedOrEscalated() {
    assertThat(AlertState.SENT.next()).containsExactlyInAnyOrder(AlertState.ACKNOWLEDGED, AlertState.ESCALATED);
  }

  @Test
  void anEscalatedAlertCanStillBeAcknowledged() {
    assertThat(AlertState.ESCALATED.next()).containsExactly(AlertState.ACKNOWLEDGED);
  }

  @Test
  void anAcknowledgedAlertIsNotAcknowledgedAgain() {
    assertThatThrownBy(() -> AlertState.ACKNOWLEDGED.requireMove(AlertState.ACKNOWLEDGED))
        .isInstanceOf(AlertState.IllegalAlertMove.class).hasMessage("an alert in state ACKNOWLEDGED cannot become ACKNOWLEDGED");
  }

  @Test
  void anAcknowledgedAlertIsNeverEscalated() {
    assertThatThrownBy(() -> AlertState.ACKNOWLEDGED.requireMove(AlertState.ESCALATED))
        .isInstanceOf(AlertState.IllegalAlertMove.class);
  }

  @Test
  void anAlertIsEscalatedOnlyOnce() {
    assertThatThrownBy(() -> AlertState.ESCALATED.requireMove(AlertState.ESCALATED))
        .isInstanceOf(AlertState.IllegalAlertMove.class);
  }

  @Test
  void noAlertGoesBackToSent() {
    for (AlertState s : AlertState.values()) {
      assertThatThrownBy(() -> s.requireMove(AlertState.SENT)).as(s.name()).isInstanceOf(AlertState.IllegalAlertMove.class);
    }
  }

  @Test
  void conditionalUpdatesStartFromTheAllowedStates() {
    assertThat(AlertState.from(AlertState.ACKNOWLEDGED)).containsExactlyInAnyOrder(AlertState.SENT, AlertState.ESCALATED);
    assertThat(AlertState.from(AlertState.ESCALATED)).containsExactly(AlertState.SENT);
  }
}
