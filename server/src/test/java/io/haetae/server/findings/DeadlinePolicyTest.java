package io.haetae.server.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Severity;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlinePolicyTest {

  private static final DeadlinePolicy POLICY = DeadlinePolicy.DEFAULT;
  private static final LocalDate OPENED = LocalDate.of(2026, 12, 1);
  private static final DeadlinePolicy.Signals NONE = DeadlinePolicy.Signals.NONE;

  @Test
  void kevListedAndInternetFacingIsDueInThreeDays() {
    var s = new DeadlinePolicy.Signals(true, null, true, null, null);
    assertThat(POLICY.dueDate(Severity.MEDIUM, s, OPENED)).isEqualTo(OPENED.plusDays(3));
  }

  @Test
  void kevListedIsDueInFourteenDaysWhateverItsSeverity() {
    var s = new DeadlinePolicy.Signals(true, null, false, null, null);
    assertThat(POLICY.dueDate(Severity.LOW, s, OPENED)).isEqualTo(OPENED.plusDays(14));
    assertThat(POLICY.dueDate(Severity.CRITICAL, s, OPENED)).isEqualTo(OPENED.plusDays(14));
  }

  @Test
  void criticalAndHighTakeTheShorterDeadlineWhenSsvcSaysExploitedOrAutomatable() {
    assertThat(POLICY.dueDate(Severity.CRITICAL, NONE, OPENED)).isEqualTo(OPENED.plusDays(30));
    assertThat(POLICY.dueDate(Severity.CRITICAL, new DeadlinePolicy.Signals(false, null, false, "active", "no"), OPENED))
        .isEqualTo(OPENED.plusDays(14));
    assertThat(POLICY.dueDate(Severity.HIGH, NONE, OPENED)).isEqualTo(OPENED.plusDays(60));
    assertThat(POLICY.dueDate(Severity.HIGH, new DeadlinePolicy.Signals(false, null, false, "none", "yes"), OPENED))
        .isEqualTo(OPENED.plusDays(30));
    assertThat(POLICY.dueDate(Severity.HIGH, new DeadlinePolicy.Signals(false, null, false, "poc", null), OPENED))
        .isEqualTo(OPENED.plusDays(30));
  }

  @Test
  void mediumLowAndUnassignedWaitForTheNextUpgrade() {
    for (Severity s : new Severity[] {Severity.MEDIUM, Severity.LOW, Severity.INFO, Severity.UNASSIGNED}) {
      assertThat(POLICY.dueDate(s, NONE, OPENED)).isEqualTo(OPENED.plusDays(180));
    }
  }

  @Test
  void kevsOwnDueDateWinsWhereEarlierButNeverBeforeTheDayTheFindingIsOpened() {
    var earlier = new DeadlinePolicy.Signals(true, OPENED.plusDays(5), false, null, null);
    assertThat(POLICY.dueDate(Severity.HIGH, earlier, OPENED)).isEqualTo(OPENED.plusDays(5));
    var later = new DeadlinePolicy.Signals(true, OPENED.plusDays(40), false, null, null);
    assertThat(POLICY.dueDate(Severity.HIGH, later, OPENED)).isEqualTo(OPENED.plusDays(14));
    var past = new DeadlinePolicy.Signals(true, LocalDate.of(2022, 5, 3), false, null, null);
    assertThat(POLICY.dueDate(Severity.HIGH, past, OPENED)).isEqualTo(OPENED);
  }

  @Test
  void everyNumberIsASetting() {
    var strict = new DeadlinePolicy(1, 7, 7, 15, 15, 30, 90, false, java.time.ZoneId.of("UTC"));
    assertThat(strict.dueDate(Severity.CRITICAL, NONE, OPENED)).isEqualTo(OPENED.plusDays(15));
    assertThat(strict.dueDate(Severity.LOW, NONE, OPENED)).isEqualTo(OPENED.plusDays(90));
    var kevEarlier = new DeadlinePolicy.Signals(true, OPENED.plusDays(2), false, null, null);
    assertThat(strict.dueDate(Severity.LOW, kevEarlier, OPENED)).isEqualTo(OPENED.plusDays(7));
  }
}
