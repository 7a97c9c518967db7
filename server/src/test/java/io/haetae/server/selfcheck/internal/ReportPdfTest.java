package io.haetae.server.selfcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The PDF report renders Korean with an embedded (subset) CJK font where the machine has one. */
class ReportPdfTest {

  static Map<String, Object> result() {
    return Map.of("id", "AAAAAAAAAAAAAAAAAAAAAA", "createdAt", "2026-12-05T10:00:00Z", "score", 42,
        "level", Map.of("id", "developing", "name", "2단계 · 기초", "meaning", "일부 보호조치가 있지만 빈틈이 있습니다."),
        "functions", List.of(Map.of("id", "GV", "name", "거버넌스", "score", 50)),
        "evidence", List.of(),
        "actions", List.of(Map.of("title", "2단계 인증을 켜세요", "why", List.of("'메일' → '아니요'"), "priorityLabel", "긴급",
            "costLabel", "비용 없음", "effortLabel", "몇 시간", "steps", List.of("lodash를 4.17.15에서 4.17.21로 업그레이드하세요"))),
        "findings", List.of());
  }

  @Test
  void aKoreanReportEmbedsASubsetCjkFontAndReadsBackInKorean() throws Exception {
    assumeTrue(ReportPdf.findFont(null) != null, "no Korean font on this machine (install fonts-noto-cjk)");
    var messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/selfcheck");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    var pdf = new ReportPdf(messages, "").render(result(), Locale.KOREAN);
    assertThat(pdf.length).as("a subset font keeps the report small").isLessThan(300_000);
    var reader = new PdfReader(pdf);
    String text = new PdfTextExtractor(reader).getTextFromPage(1);
    assertThat(text).contains("보안 자가진단 보고서").contains("2단계 인증을 켜세요");
  }
}
