package io.haetae.server.oversight.internal;

import io.haetae.server.web.BadInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The days a room's measures cover, both inclusive, in Asia/Seoul; the last 30 days by default. */
record Period(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 3660;

  static Period parse(String from, String to) {
    LocalDate end = to == null || to.isBlank() ? LocalDate.now(Projection.ZONE) : day(to, "to");
    LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : day(from, "from");
    if (start.isAfter(end)) throw new BadInputException("'from' (" + start + ") is after 'to' (" + end + ")");
    if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) throw new BadInputException("'from'..'to' spans more than " + MAX_DAYS + " days");
    return new Period(start, end);
  }

  private static LocalDate day(String value, String field) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("'" + field + "' must be a date like 2026-01-31, not '" + value + "'");
    }
  }
}
