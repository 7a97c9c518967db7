package io.haetae.server.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Markdown to HTML that is safe to put in a mail or page: raw HTML in the source is escaped to
 * text (commonmark {@code escapeHtml}), link URLs are checked ({@code sanitizeUrls}: no
 * {@code javascript:}), and jsoup removes whatever is left outside a small safelist (no images:
 * mail clients would fetch them, telling the sender who read the notice).
 */
@Component
public class MarkdownRenderer {

  private static final Safelist ALLOWED = Safelist.relaxed().removeTags("img")
      .addProtocols("a", "href", "http", "https", "mailto");

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  public String render(String markdown) {
    String html = renderer.render(parser.parse(markdown));
    return Jsoup.clean(html, ALLOWED);
  }
}
