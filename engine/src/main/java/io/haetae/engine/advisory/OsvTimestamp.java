package io.haetae.engine.advisory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Parses OSV timestamps. The schema asks for RFC 3339 in UTC, but real feeds also write
 * times without seconds, without a zone (we read them as UTC, which is what OSV means), with a
 * numeric offset, a space instead of {@code T}, or a bare date; all are accepted so that one
 * feed's habit does not lose us its advisories.
 */
public final class OsvTimestamp {

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalEnd()
      .toFormatter();

  private OsvTimestamp() {}

  /** The instant, or empty when the text is no recognisable RFC 3339 variant. */
  public static Optional<Instant> parse(String text) {
    var normalised = text.strip().replace(' ', 'T');
    try {
      TemporalAccessor parsed = FORMAT.parse(normalised);
      var date = LocalDate.from(parsed);
      var time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
      var offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
      return Optional.of(LocalDateTime.of(date, time).toInstant(offset));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
