package io.haetae.server.broadcast.internal;

import io.haetae.server.broadcast.Attachment;
import io.haetae.server.web.Languages;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The mail of one notice to one organisation: multipart HTML + plain text in the organisation's
 * language, the acknowledgement link when asked for, the attachments, and the stable
 * {@code Message-ID <broadcast.org@haetae>}. The parts shared by all recipients of a broadcast
 * in one language are written once.
 */
@Component
class NoticeMail {

  private static final String ORG = "\u0000org\u0000";
  private static final String LINK = "\u0000link\u0000";

  private final MessageSource messages;
  private final LinkSigner links;
  private final String baseUrl;
  private final String from;
  private final Map<String, Parts> parts = new ConcurrentHashMap<>();

  NoticeMail(MessageSource messages, LinkSigner links, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.mail.from}") String from) {
    this.messages = messages;
    this.links = links;
    this.baseUrl = baseUrl;
    this.from = from;
  }

  private record Parts(String subject, String text, String html) {}

  MimeMessage write(Session session, NoticeContent notice, Outgoing to) throws MessagingException {
    Locale locale = Languages.of(to.language());
    Parts p = parts(notice, locale);
    String link = notice.requireAcknowledgement() ? baseUrl + "/broadcasts/ack/" + links.token(notice.id(), to.org()) : "";
    String text = p.text().replace(ORG, to.orgName()).replace(LINK, link);
    String html = p.html().replace(ORG, HtmlUtils.htmlEscape(to.orgName())).replace(LINK, HtmlUtils.htmlEscape(link));
    var message = new StableIdMessage(session, to.messageId());
    boolean multipart = !notice.attachments().isEmpty();
    var helper = new MimeMessageHelper(message, multipart ? MimeMessageHelper.MULTIPART_MODE_MIXED
        : MimeMessageHelper.MULTIPART_MODE_NO, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to.email());
    helper.setSubject(p.subject());
    if (multipart) {
      helper.setText(text, html);
      for (Attachment a : notice.attachments()) {
        helper.addAttachment(a.name(), new ByteArrayResource(a.content()), a.contentType());
      }
    } else {
      // multipart/alternative without the related/mixed wrappers MimeMessageHelper would add.
      var alternative = new jakarta.mail.internet.MimeMultipart("alternative");
      var plain = new jakarta.mail.internet.MimeBodyPart();
      plain.setText(text, "UTF-8");
      var rich = new jakarta.mail.internet.MimeBodyPart();
      rich.setContent(html, "text/html;charset=UTF-8");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(rich);
      message.setContent(alternative);
    }
    message.setHeader("Auto-Submitted", "auto-generated");
    return message;
  }

  private Parts parts(NoticeContent notice, Locale locale) {
    String key = notice.id() + "/" + locale.getLanguage();
    Parts p = parts.get(key);
    if (p != null) return p;
    if (parts.size() > 64) parts.clear();
    p = compose(notice, locale);
    parts.put(key, p);
    return p;
  }

  private Parts compose(NoticeContent notice, Locale locale) {
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
    return new Parts(subject, text.toString(), html.toString());
  }

  /** A message whose Message-ID survives {@code saveChanges()} (which would otherwise draw a new one). */
  static final class StableIdMessage extends MimeMessage {

    private final String id;

    StableIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
