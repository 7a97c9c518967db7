package io.haetae.server.identity.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 describes: comma-separated fields, fields in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""}); CRLF or LF ends a record.
 * Each record keeps the line it starts on, for messages. A record that breaks the quoting rules
 * is returned with its problem instead of fields, so one bad line never hides the rest.
 */
public final class CsvRows {

  private CsvRows() {}

  /** A record: its first line (1-based), its fields, or the problem that made it unreadable. */
  public record Row(int line, List<String> fields, String problem) {

    public boolean isBlank() {
      return problem == null && fields.size() == 1 && fields.getFirst().isBlank();
    }
  }

  /** The records of {@code text} (a leading byte-order mark is skipped); blank lines are left out. */
  public static List<Row> parse(String text) {
    var rows = new ArrayList<Row>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int start = line;
      var fields = new ArrayList<String>();
      var field = new StringBuilder();
      String problem = null;
      boolean endOfRecord = false;
      while (!endOfRecord) {
        if (i < n && text.charAt(i) == '"') {
          i++;
          boolean closed = false;
          while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
              if (i + 1 < n && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
                continue;
              }
              i++;
              closed = true;
              break;
            }
            if (c == '\n') line++;
            field.append(c);
            i++;
          }
          if (!closed) {
            problem = "field " + (fields.size() + 1) + ": quoted field is never closed";
            break;
          }
          if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            problem = "field " + (fields.size() + 1) + ": text after the closing quote";
            while (i < n && text.charAt(i) != '\n') i++;
          }
        } else {
          while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') || (c == '\r' && i + 1 == n)) break;
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (i >= n) {
          endOfRecord = true;
        } else if (text.charAt(i) == ',') {
          i++;
        } else {
          if (text.charAt(i) == '\r') i++;
          if (i < n && text.charAt(i) == '\n') i++;
          line++;
          endOfRecord = true;
        }
      }
      var row = problem == null ? new Row(start, List.copyOf(fields), null) : new Row(start, List.of(), problem);
      if (!row.isBlank()) rows.add(row);
      if (problem != null && i < n && text.charAt(i) == '\n') {
        i++;
        line++;
      }
    }
    return rows;
  }
}
