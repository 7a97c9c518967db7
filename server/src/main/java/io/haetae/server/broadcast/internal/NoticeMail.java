package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import io.haetae.server.web.Languages;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The mail of one notice to one organisation: multipart HTML + plain text in the organisation's
 * language, the acknowledgement link when asked for, the attachments, and the stable
 * {@code Message-ID <broadcast.org@haetae>}.
 *
 * <p>Everything shared by the recipients of a broadcast in one language (subject, both bodies
 * with gaps for the organisation's name and its link, the encoded attachments) is written once;
 * per recipient only the gaps are filled and the two bodies base64-encoded ({@link RawMessage}).
 */
@Component
class NoticeMail {

  private static final String ORG = "\u0000org\u0000";
  private static final String LINK = "\u0000link\u0000";
  private static final String CRLF = "\r\n";
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

  private final MessageSource messages;
  private final LinkSigner links;
  private final String baseUrl;
  private final String from;
  private final Map<String, Parts> parts = new ConcurrentHashMap<>();
  private volatile InternetAddress fromAddress;

  NoticeMail(MessageSource messages, LinkSigner links, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.mail.from}") String from) {
    this.messages = messages;
    this.links = links;
    this.baseUrl = baseUrl;
    this.from = from;
  }

  /** What one broadcast in one language has in common: headers and bodies with gaps, attachments encoded. */
  private record Parts(String subjectHeader, String text, String html, String boundary, byte[] attachments) {}

  MimeMessage write(Session session, NoticeContent notice, Outgoing to) throws MessagingException {
    Locale locale = Languages.of(to.language());
    Parts p = parts(notice, locale);
    var address = new InternetAddress(to.email(), true);
    String link = notice.requireAcknowledgement() ? baseUrl + "/broadcasts/ack/" + links.token(notice.id(), to.org()) : "";
    String text = p.text().replace(ORG, to.orgName()).replace(LINK, link);
    String html = p.html().replace(ORG, HtmlUtils.htmlEscape(to.orgName())).replace(LINK, HtmlUtils.htmlEscape(link));
    InternetAddress sender = fromAddress();
    var out = new ByteArrayOutputStream(4 * (text.length() + html.length()) + 1024 + p.attachments().length);
    ascii(out, "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + CRLF);
    ascii(out, "From: " + sender.toString() + CRLF);
    ascii(out, "To: " + address.toString() + CRLF);
    ascii(out, "Message-ID: " + to.messageId() + CRLF);
    ascii(out, p.subjectHeader() + CRLF);
    ascii(out, "MIME-Version: 1.0" + CRLF);
    ascii(out, "Auto-Submitted: auto-generated" + CRLF);
    String alternative = "alt" + p.boundary();
    if (p.attachments().length == 0) {
      ascii(out, "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"" + CRLF + CRLF);
      alternatives(out, alternative, text, html);
    } else {
      String mixed = "mix" + p.boundary();
      ascii(out, "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"" + CRLF + CRLF);
      ascii(out, "--" + mixed + CRLF + "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"" + CRLF + CRLF);
      alternatives(out, alternative, text, html);
      ascii(out, CRLF);
      out.writeBytes(p.attachments());
      ascii(out, "--" + mixed + "--" + CRLF);
    }
    return new RawMessage(session, out.toByteArray(), address, sender, to.messageId());
  }

  private static void alternatives(ByteArrayOutputStream out, String boundary, String text, String html) {
    ascii(out, "--" + boundary + CRLF + "Content-Type: text/plain; charset=UTF-8" + CRLF
        + "Content-Transfer-Encoding: base64" + CRLF + CRLF);
    out.writeBytes(BASE64.encode(text.getBytes(StandardCharsets.UTF_8)));
    ascii(out, CRLF + "--" + boundary + CRLF + "Content-Type: text/html; charset=UTF-8" + CRLF
        + "Content-Transfer-Encoding: base64" + CRLF + CRLF);
    out.writeBytes(BASE64.encode(html.getBytes(StandardCharsets.UTF_8)));
    ascii(out, CRLF + "--" + boundary + "--" + CRLF);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private InternetAddress fromAddress() throws AddressException {
    InternetAddress a = fromAddress;
    if (a == null) fromAddress = a = new InternetAddress(from, true);
    return a;
  }

  private Parts parts(NoticeContent notice, Locale locale) throws MessagingException {
    String key = notice.id() + "/" + locale.getLanguage();
    Parts p = parts.get(key);
    if (p != null) return p;
    if (parts.size() > 64) parts.clear();
    p = compose(notice, locale);
    parts.put(key, p);
    return p;
  }

  private Parts compose(NoticeContent notice, Locale locale) throws MessagingException {
    String subject = messages.getMessage("broadcast.mail.subject", new Object[] {notice.title()}, locale);
    String greeting = messages.getMessage("broadcast.mail.greeting", new Object[] {ORG}, locale);
    String ackText = messages.getMessage("broadcast.mail.ack.text", new Object[] {LINK}, locale);
    String ackButton = messages.getMessage("broadcast.mail.ack.button", null, locale);
    String footer = messages.getMessage("broadcast.mail.footer", null, locale);
    String markdown = notice.markdown().replace("{organisation}", ORG);
    var text = new StringBuilder().append(greeting).append("\n\n").append(notice.title()).append("\n\n").append(markdown.strip())
        .append("\n\n");
    if (notice.requireAcknowledgement()) text.append(ackText).append("\n\n");
    text.append("-- \n").append(footer).append('\n');
    String body = notice.html().replace("{organisation}", ORG);
    var html = new StringBuilder()
        .append("<!DOCTYPE html><html lang=\"").append(locale.getLanguage()).append("\"><head><meta charset=\"UTF-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .append(HtmlUtils.htmlEscape(notice.title())).append("</title></head>")
        .append("<body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em;\">")
        .append("<p>").append(HtmlUtils.htmlEscape(greeting).replace(HtmlUtils.htmlEscape(ORG), ORG)).append("</p>")
        .append("<h1 style=\"font-size: 1.3em;\">").append(HtmlUtils.htmlEscape(notice.title())).append("</h1>")
        .append(body);
    if (notice.requireAcknowledgement()) {
      html.append("<p style=\"margin: 2em 0;\"><a href=\"").append(LINK)
          .append("\" style=\"background: #1f5fbf; color: #fff; padding: 0.7em 1.2em; border-radius: 4px; text-decoration: none;\">")
          .append(HtmlUtils.htmlEscape(ackButton)).append("</a></p>");
    }
    html.append("<hr><p style=\"color: #666; font-size: 0.9em;\">").append(HtmlUtils.htmlEscape(footer)).append("</p></body></html>");
    // Text in CRLF lines, as the wire wants it; base64 keeps it intact.
    String plain = text.toString().replace("\r\n", "\n").replace("\n", CRLF);
    String boundary = "_haetae_" + notice.id().toString().replace("-", "");
    return new Parts(subjectHeader(subject), plain, html.toString(), boundary, attachments(notice, "mix" + boundary));
  }

  private static String subjectHeader(String subject) throws MessagingException {
    try {
      // A line break in a title must not end the header (header injection).
      String oneLine = subject.replaceAll("[\\r\\n\\t]+", " ");
      return "Subject: " + MimeUtility.fold(9, MimeUtility.encodeText(oneLine, "UTF-8", "B"));
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 missing", e);
    }
  }

  /** The attachment parts of the mixed multipart, encoded once for every recipient. */
  private static byte[] attachments(NoticeContent notice, String boundary) throws MessagingException {
    var out = new ByteArrayOutputStream();
    for (Attachment a : notice.attachments()) {
      String name = parameter(a.name());
      ascii(out, "--" + boundary + CRLF
          + "Content-Type: " + mediaType(a.contentType()) + "; name=\"" + name + "\"" + CRLF
          + "Content-Disposition: attachment; filename=\"" + name + "\"" + CRLF
          + "Content-Transfer-Encoding: base64" + CRLF + CRLF);
      out.writeBytes(BASE64.encode(a.content()));
      ascii(out, CRLF);
    }
    return out.toByteArray();
  }

  private static String mediaType(String type) {
    return type != null && type.matches("[A-Za-z0-9][\\w.+-]*/[A-Za-z0-9][\\w.+-]*") ? type : "application/octet-stream";
  }

  /** A file name as a header parameter: encoded words for non-ASCII names (what mail clients read), no quotes or breaks. */
  private static String parameter(String name) throws MessagingException {
    String clean = name.replaceAll("[\"\\\\\\r\\n]", "_");
    try {
      return MimeUtility.encodeText(clean, "UTF-8", "B");
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 missing", e);
    }
  }
}
