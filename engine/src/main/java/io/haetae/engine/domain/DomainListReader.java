package io.haetae.engine.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One domain per line, optionally {@code domain,first_seen} (ISO instant, ISO date, or epoch
 * seconds). Blank lines and {@code #} comments are skipped; a header line {@code domain,...} too.
 * A bad first_seen rejects the line; the domain itself is checked by the normaliser later.
 */
public final class DomainListReader {

  public void read(InputStream in, ObservedSink sink) throws IOException {
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    int n = 0;
    boolean data = false;
    for (String line; (line = reader.readLine()) != null; ) {
      n++;
      if (n == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
      String s = line.strip();
      if (s.isEmpty() || s.charAt(0) == '#') continue;
      int comma = s.indexOf(',');
      if (comma < 0) {
        data = true;
        sink.domain(new ObservedDomain(s, null, "line " + n));
        continue;
      }
      String name = s.substring(0, comma).strip();
      String seen = s.substring(comma + 1).strip();
      if (!data && name.equalsIgnoreCase("domain")) continue;
      data = true;
      int next = seen.indexOf(',');
      if (next >= 0) seen = seen.substring(0, next).strip();
      try {
        sink.domain(new ObservedDomain(name, seen.isEmpty() ? null : instant(seen), "line " + n));
      } catch (DateTimeParseException | NumberFormatException e) {
        sink.rejected("line " + n, "first_seen '" + seen + "' is not a date, an ISO instant or epoch seconds");
      }
    }
  }

  static Instant instant(String s) {
    if (s.chars().allMatch(Character::isDigit)) return Instant.ofEpochSecond(Long.parseLong(s));
    if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (s.indexOf(' ') == 10) s = s.replace(' ', 'T');
    if (!s.endsWith("Z") && s.lastIndexOf('+') < 10 && s.lastIndexOf('-') < 10) s = s + "Z";
    return java.time.OffsetDateTime.parse(s).toInstant();
  }
}
