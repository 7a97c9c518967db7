package io.haetae.server.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values between Java and the columns every module writes: times are stored as TIMESTAMP WITH
 * TIME ZONE in UTC (read through OffsetDateTime, which both H2 and PostgreSQL's drivers give),
 * and free text is cut to its column's width rather than failing the whole row.
 */
public final class SqlValues {

  private SqlValues() {}

  /** The column's instant, or null. */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The column's instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The instant as a UTC timestamp parameter; null stays null. */
  public static OffsetDateTime utc(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** At most {@code max} characters; null stays null. */
  public static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
