package io.haetae.server.incident.internal;

import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Submitted;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reporting clocks of NIS2 (Directive (EU) 2022/2555) article 23(4), counted from when the
 * organisation became aware of the significant incident: (a) an early warning within 24 hours,
 * (b) an incident notification within 72 hours, (d) a final report not later than one month
 * after the incident notification was submitted (while it is not, after it was due). The month
 * is a calendar month in the case's time zone, as a person there would count it.
 *
 * <pre>{@code
 * ReportingClocks.of(aware, ZoneId.of("Asia/Seoul"), List.of(), now)  // three clocks, DUE or OVERDUE
 * }</pre>
 */
final class ReportingClocks {

  static final Duration EARLY_WARNING = Duration.ofHours(24);
  static final Duration NOTIFICATION = Duration.ofHours(72);

  private ReportingClocks() {}

  enum State { DUE, OVERDUE, SUBMITTED, SUBMITTED_LATE }

  /** One report's clock: when it is due (in the case's zone), when it was submitted, what is left. */
  record Clock(Report report, ZonedDateTime due, Instant submittedAt, State state, Duration remaining) {

    public boolean late() {
      return state == State.OVERDUE || state == State.SUBMITTED_LATE;
    }

    /** Remaining (or overdue) time as days and hours: "2d 5h". */
    public String remainingText() {
      Duration d = remaining.abs();
      long days = d.toDays();
      long hours = d.minusDays(days).toHours();
      long minutes = d.minusDays(days).minusHours(hours).toMinutes();
      return days > 0 ? days + "d " + hours + "h" : hours + "h " + minutes + "m";
    }
  }

  static List<Clock> of(Instant awareAt, ZoneId zone, List<Submitted> submitted, Instant now) {
    Map<Report, Instant> at = submitted.stream().collect(Collectors.toMap(Submitted::report, Submitted::at, (a, b) -> a));
    ZonedDateTime aware = awareAt.atZone(zone);
    ZonedDateTime warning = aware.plus(EARLY_WARNING);
    ZonedDateTime notification = aware.plus(NOTIFICATION);
    ZonedDateTime finalFrom = at.containsKey(Report.NOTIFICATION) ? at.get(Report.NOTIFICATION).atZone(zone) : notification;
    ZonedDateTime finalReport = finalFrom.plusMonths(1);
    return List.of(clock(Report.EARLY_WARNING, warning, at.get(Report.EARLY_WARNING), now),
        clock(Report.NOTIFICATION, notification, at.get(Report.NOTIFICATION), now),
        clock(Report.FINAL, finalReport, at.get(Report.FINAL), now));
  }

  private static Clock clock(Report report, ZonedDateTime due, Instant submittedAt, Instant now) {
    Instant deadline = due.toInstant();
    State state = submittedAt != null ? (submittedAt.isAfter(deadline) ? State.SUBMITTED_LATE : State.SUBMITTED)
        : now.isAfter(deadline) ? State.OVERDUE : State.DUE;
    return new Clock(report, due, submittedAt, state, Duration.between(submittedAt != null ? submittedAt : now, deadline));
  }
}
