package io.haetae.server.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Submitted;
import io.haetae.server.incident.internal.ReportingClocks.Clock;
import io.haetae.server.incident.internal.ReportingClocks.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NIS2 article 23(4): 24 hours, 72 hours, and one month after the incident notification. */
class ReportingClocksTest {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final ZonedDateTime AWARE = ZonedDateTime.of(2026, 1, 29, 22, 15, 0, 0, SEOUL);

  @Test
  void countsTwentyFourAndSeventyTwoHoursAndACalendarMonthAfterTheNotificationWasDue() {
    var clocks = ReportingClocks.of(AWARE.toInstant(), SEOUL, List.of(), AWARE.plusHours(1).toInstant());
    assertThat(clocks).extracting(Clock::report).containsExactly(Report.EARLY_WARNING, Report.NOTIFICATION, Report.FINAL);
    assertThat(clocks.get(0).due()).isEqualTo(ZonedDateTime.of(2026, 1, 30, 22, 15, 0, 0, SEOUL));
    assertThat(clocks.get(1).due()).isEqualTo(ZonedDateTime.of(2026, 2, 1, 22, 15, 0, 0, SEOUL));
    // One month after 1 February is 1 March, not 30 days later.
    assertThat(clocks.get(2).due()).isEqualTo(ZonedDateTime.of(2026, 3, 1, 22, 15, 0, 0, SEOUL));
    assertThat(clocks).extracting(Clock::state).containsOnly(State.DUE);
    assertThat(clocks.get(0).remaining()).isEqualTo(Duration.ofHours(23));
    assertThat(clocks.get(0).remainingText()).isEqualTo("23h 0m");
  }

  @Test
  void aMissedDeadlineIsOverdueAndASubmittedReportStopsItsClock() {
    Instant now = AWARE.plusHours(30).toInstant();
    Instant warned = AWARE.plusHours(26).toInstant();
    var clocks = ReportingClocks.of(AWARE.toInstant(), SEOUL, List.of(new Submitted(Report.EARLY_WARNING, warned, "ciso")), now);
    assertThat(clocks.get(0).state()).isEqualTo(State.SUBMITTED_LATE);
    assertThat(clocks.get(0).remaining()).isEqualTo(Duration.ofHours(-2));
    assertThat(clocks.get(0).late()).isTrue();
    assertThat(clocks.get(1).state()).isEqualTo(State.DUE);
    assertThat(clocks.get(1).remainingText()).isEqualTo("1d 18h");

    var missed = ReportingClocks.of(AWARE.toInstant(), SEOUL, List.of(), AWARE.plusHours(80).toInstant());
    assertThat(missed.get(0).state()).isEqualTo(State.OVERDUE);
    assertThat(missed.get(1).state()).isEqualTo(State.OVERDUE);
    assertThat(missed.get(1).remainingText()).isEqualTo("8h 0m");
  }

  @Test
  void theFinalReportIsDueAMonthAfterTheNotificationWasActuallySubmitted() {
    Instant notified = AWARE.plusHours(40).toInstant();
    var clocks = ReportingClocks.of(AWARE.toInstant(), SEOUL, List.of(new Submitted(Report.NOTIFICATION, notified, "ciso")),
        AWARE.plusHours(41).toInstant());
    assertThat(clocks.get(1).state()).isEqualTo(State.SUBMITTED);
    assertThat(clocks.get(2).due()).isEqualTo(notified.atZone(SEOUL).plusMonths(1));
  }
}
