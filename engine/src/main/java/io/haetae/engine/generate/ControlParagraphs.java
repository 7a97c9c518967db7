package io.haetae.engine.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blank-line separated paragraphs of {@code Key: value} (dpkg's status) or {@code K:value}
 * (apk's installed) lines; continuation lines (leading space) are dropped, since nothing
 * the generators need spans lines.
 */
final class ControlParagraphs {

  record Paragraph(int line, Map<String, String> fields) {}

  private ControlParagraphs() {}

  static List<Paragraph> parse(String text) {
    var out = new ArrayList<Paragraph>();
    Map<String, String> fields = null;
    int start = 0;
    var lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.isBlank()) {
        if (fields != null) out.add(new Paragraph(start, fields));
        fields = null;
        continue;
      }
      if (line.startsWith(" ") || line.startsWith("\t")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0) continue;
      if (fields == null) {
        fields = new LinkedHashMap<>();
        start = i + 1;
      }
      fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    if (fields != null) out.add(new Paragraph(start, fields));
    return out;
  }
}
