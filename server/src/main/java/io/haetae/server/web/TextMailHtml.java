package io.haetae.server.web;

import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML part of a mail whose words are its plain-text part: one column readable on a phone,
 * paragraphs as in the text, the link written in the text made clickable and repeated as a
 * button; no images, no scripts, everything escaped.
 */
public final class TextMailHtml {

  private TextMailHtml() {}

  /** {@code title} heads the mail (and names the document) when not null. */
  public static String of(Locale locale, String title, String text, String link, String button) {
    String href = HtmlUtils.htmlEscape(link);
    var sb = new StringBuilder("<!DOCTYPE html><html lang=\"").append(locale.getLanguage()).append("\"><head><meta charset=\"UTF-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (title != null) sb.append("<title>").append(HtmlUtils.htmlEscape(title)).append("</title>");
    sb.append("</head><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:1em\">");
    if (title != null) sb.append("<h1 style=\"font-size:1.2em\">").append(HtmlUtils.htmlEscape(title)).append("</h1>");
    for (String paragraph : text.split("\\n\\s*\\n")) {
      sb.append("<p>").append(HtmlUtils.htmlEscape(paragraph).replace(href, "<a href=\"" + href + "\">" + href + "</a>")
          .replace("\n", "<br>\n")).append("</p>");
    }
    return sb.append("<p style=\"margin:2em 0\"><a href=\"").append(href).append("\" style=\"display:inline-block;")
        .append("padding:.7em 1.2em;background:#1f5fbf;color:#fff;text-decoration:none;border-radius:4px\">")
        .append(HtmlUtils.htmlEscape(button)).append("</a></p></body></html>").toString();
  }
}
