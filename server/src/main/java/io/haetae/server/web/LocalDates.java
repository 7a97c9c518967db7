package io.haetae.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times on pages as people read them: local (Asia/Seoul) and to the minute,
 * {@code 2026-12-05 20:46}, not {@code 2026-12-05T11:46:03.123456Z}. Templates call it as
 * {@code ${@localDates.format(key.createdAt())}}; the CSV and JSON keep ISO-8601 UTC.
 */
@Component("localDates")
public class LocalDates {

  static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
  private static final DateTimeFormatter MACHINE = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZONE);

  /** {@code 2026-12-05 20:46}; empty for none. */
  public String format(Instant at) {
    return at == null ? "" : HUMAN.format(at);
  }

  /** For a {@code <time datetime>}: {@code 2026-12-05T20:46:03+09:00}, to the second. */
  public String iso(Instant at) {
    return at == null ? "" : MACHINE.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }
}
