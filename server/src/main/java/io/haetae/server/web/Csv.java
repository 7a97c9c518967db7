package io.haetae.server.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** RFC 4180 CSV of one table, UTF-8 with a byte-order mark so spreadsheet programs read Korean names. */
public final class Csv {

  private final StringBuilder out = new StringBuilder("\uFEFF");

  public Csv row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) out.append(',');
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
    return this;
  }

  public Csv row(Object... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  private static String cell(Object v) {
    if (v == null) return "";
    String s = v.toString();
    // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) s = "'" + s;
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) s = '"' + s.replace("\"", "\"\"") + '"';
    return s;
  }

  public ResponseEntity<byte[]> file(String name) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
