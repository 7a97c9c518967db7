package io.haetae.server.selfcheck.internal;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The printable report of a self-check (OpenPDF): score, level and its meaning, a bar per CSF
 * function, the evidence rules that applied, the ordered plan and the vulnerable components.
 * Korean needs a CJK font embedded (subset, so a report stays small): the one configured in
 * {@code haetae.self-check.pdf-font}, else the first of the usual system fonts that exists
 * (docs/decisions/0009-self-check-pdf.md). Without any, the report is the English result in a
 * built-in font, and the log says why.
 */
@Component
class ReportPdf {

  private static final Logger log = LoggerFactory.getLogger(ReportPdf.class);
  /** Where Debian/Ubuntu (fonts-noto-cjk, fonts-nanum), Fedora and macOS keep a Korean font; ",1" picks a .ttc face. */
  static final List<String> SYSTEM_FONTS = List.of(
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,1",
      "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,1",
      "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc,1",
      "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
      "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
      "/System/Library/Fonts/AppleSDGothicNeo.ttc,0");

  private final MessageSource messages;
  private final String fontPath;

  ReportPdf(MessageSource messages, @Value("${haetae.self-check.pdf-font:}") String configured) {
    this.messages = messages;
    this.fontPath = findFont(configured);
    if (fontPath == null) log.warn("no Korean font found for self-check PDFs; reports are in English. "
        + "Install fonts-noto-cjk or set haetae.self-check.pdf-font");
  }

  static String findFont(String configured) {
    if (configured != null && !configured.isBlank()) return configured.strip();
    for (String candidate : SYSTEM_FONTS) {
      if (Files.isReadable(Path.of(candidate.replaceFirst(",\\d+$", "")))) return candidate;
    }
    return null;
  }

  /** Whether Korean can be rendered (a CJK font was found). */
  boolean korean() {
    return fontPath != null;
  }

  /** The report of {@code result} (already in the page's language; English when no Korean font exists). */
  byte[] render(Map<String, Object> result, Locale locale) {
    var out = new ByteArrayOutputStream();
    var document = new Document(PageSize.A4, 48, 48, 48, 48);
    try {
      PdfWriter.getInstance(document, out);
      BaseFont base = fontPath != null
          ? BaseFont.createFont(fontPath, BaseFont.IDENTITY_H, BaseFont.EMBEDDED)
          : BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
      var fonts = new Fonts(new Font(base, 10), new Font(base, 18, Font.BOLD), new Font(base, 13, Font.BOLD),
          new Font(base, 9, Font.NORMAL, Color.DARK_GRAY));
      document.addTitle(text("selfcheck.pdf.title", locale));
      document.open();
      write(document, result, locale, fonts);
      document.close();
    } catch (DocumentException | java.io.IOException e) {
      throw new IllegalStateException("cannot render the self-check report", e);
    }
    return out.toByteArray();
  }

  private record Fonts(Font body, Font title, Font heading, Font small) {}

  @SuppressWarnings("unchecked")
  private void write(Document d, Map<String, Object> r, Locale locale, Fonts f) throws DocumentException {
    var level = (Map<String, Object>) r.get("level");
    d.add(new Paragraph(text("selfcheck.pdf.title", locale), f.title()));
    d.add(new Paragraph(text("selfcheck.pdf.id", locale) + " " + r.get("id") + " · " + r.get("createdAt"), f.small()));
    d.add(new Paragraph(" "));
    d.add(new Paragraph(text("selfcheck.score", locale) + ": " + r.get("score") + " / 100 · " + level.get("name"), f.heading()));
    d.add(new Paragraph(String.valueOf(level.get("meaning")), f.body()));
    d.add(new Paragraph(" "));
    d.add(new Paragraph(text("selfcheck.functions", locale), f.heading()));
    var table = new PdfPTable(new float[] {3, 1, 6});
    table.setWidthPercentage(100);
    for (var fn : (List<Map<String, Object>>) r.get("functions")) {
      table.addCell(cell(String.valueOf(fn.get("name")), f.body()));
      table.addCell(cell(fn.get("score") == null ? "–" : String.valueOf(fn.get("score")), f.body()));
      table.addCell(bar(fn.get("score") == null ? 0 : ((Number) fn.get("score")).intValue()));
    }
    d.add(table);
    for (var e : (List<Map<String, Object>>) r.get("evidence")) {
      d.add(new Paragraph(" "));
      d.add(new Paragraph(text("selfcheck.evidence", locale), f.heading()));
      for (var rule : (List<Map<String, Object>>) e.get("rules")) d.add(new Paragraph("• " + rule.get("why"), f.body()));
    }
    d.add(new Paragraph(" "));
    d.add(new Paragraph(text("selfcheck.plan", locale), f.heading()));
    int n = 1;
    for (var a : (List<Map<String, Object>>) r.get("actions")) {
      var p = new Paragraph();
      p.add(new Chunk(n++ + ". " + a.get("title"), f.heading()));
      p.setSpacingBefore(6);
      d.add(p);
      d.add(new Paragraph(text("selfcheck.priority", locale) + ": " + a.get("priorityLabel") + " · "
          + text("selfcheck.cost", locale) + ": " + a.get("costLabel") + " · "
          + text("selfcheck.effort", locale) + ": " + a.get("effortLabel"), f.small()));
      for (Object why : (List<Object>) a.get("why")) d.add(new Paragraph(text("selfcheck.why", locale) + ": " + why, f.small()));
      for (Object step : (List<Object>) a.get("steps")) d.add(new Paragraph("→ " + step, f.body()));
    }
    var findings = (List<Map<String, Object>>) r.get("findings");
    if (!findings.isEmpty()) {
      d.add(new Paragraph(" "));
      d.add(new Paragraph(text("selfcheck.findings", locale), f.heading()));
      var t = new PdfPTable(new float[] {3, 2, 3, 2, 2});
      t.setWidthPercentage(100);
      for (String h : List.of("selfcheck.component", "selfcheck.version", "selfcheck.vulnerability", "selfcheck.severity",
          "selfcheck.upgradeTo")) {
        t.addCell(cell(text(h, locale), f.small()));
      }
      for (var x : findings) {
        var c = (Map<String, Object>) x.get("component");
        var v = (Map<String, Object>) x.get("vulnerability");
        var pr = (Map<String, Object>) x.get("priority");
        t.addCell(cell(String.valueOf(c.get("name")), f.body()));
        t.addCell(cell(String.valueOf(c.get("version")), f.body()));
        t.addCell(cell(v.get("vulnId") + (Boolean.TRUE.equals(pr.get("kev")) ? " (KEV)" : ""), f.body()));
        t.addCell(cell(String.valueOf(v.get("severity")), f.body()));
        t.addCell(cell(x.get("upgradeTo") == null ? "–" : String.valueOf(x.get("upgradeTo")), f.body()));
      }
      d.add(t);
    }
  }

  private static PdfPCell cell(String text, Font font) {
    var cell = new PdfPCell(new Phrase(text, font));
    cell.setPadding(4);
    cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
    return cell;
  }

  /** A bar as wide as the score: a two-column table, filled part coloured. */
  private static PdfPCell bar(int score) {
    int filled = Math.max(1, Math.min(99, score));
    var inner = new PdfPTable(new float[] {filled, 100 - filled});
    inner.setWidthPercentage(100);
    var on = new PdfPCell(new Phrase(" "));
    on.setBackgroundColor(score >= 60 ? new Color(0x3f, 0x62, 0x12) : new Color(0xc2, 0x41, 0x0c));
    on.setBorder(0);
    var off = new PdfPCell(new Phrase(" "));
    off.setBackgroundColor(new Color(0xe5, 0xe7, 0xeb));
    off.setBorder(0);
    inner.addCell(on);
    inner.addCell(off);
    var cell = new PdfPCell(inner);
    cell.setPadding(4);
    return cell;
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }
}
