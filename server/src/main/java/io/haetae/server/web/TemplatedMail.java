package io.haetae.server.web;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Mails written from Thymeleaf templates (a {@code .txt} and an {@code .html} per mail, words from
 * the message bundles) and sent as text and HTML alternatives with a stable Message-ID: the
 * alert mails and the disclosure case mails.
 */
public final class TemplatedMail {

  private TemplatedMail() {}

  /** A mail ready to send: its subject and its text and HTML parts. */
  public record Rendered(String subject, String text, String html) {}

  /**
   * Renders {@code template}.txt and {@code template}.html with one context; the subject is the
   * context's {@code subject} variable, which the HTML part shows as its title too.
   */
  public static Rendered render(SpringTemplateEngine engine, String template, Context context) {
    String text = engine.process(new TemplateSpec(template + ".txt", TemplateMode.TEXT), context);
    String html = engine.process(new TemplateSpec(template + ".html", TemplateMode.HTML), context);
    return new Rendered((String) context.getVariable("subject"), text, html);
  }

  /** Sends a rendered mail ({@link #send(JavaMailSender, String, List, String, String, String, String)}). */
  public static void send(JavaMailSender mail, String from, List<String> to, Rendered rendered, String messageId)
      throws MessagingException {
    send(mail, from, to, rendered.subject(), rendered.text(), rendered.html(), messageId);
  }

  /** An engine for the templates under {@code folder} on the class path ({@code templates/alert/mail/}), named with their suffix. */
  public static SpringTemplateEngine engine(MessageSource messages, String folder) {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(folder);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }

  /**
   * Sends one mail (text and HTML alternatives) with the given Message-ID, which stays the same
   * on a resend after a crash so that mail clients drop the duplicate.
   */
  public static void send(JavaMailSender mail, String from, List<String> to, String subject, String text, String html,
      String messageId) throws MessagingException {
    MimeMessage message = mail.createMimeMessage();
    var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to.toArray(String[]::new));
    helper.setSubject(subject);
    helper.setText(text, html);
    message.saveChanges();
    message.setHeader("Message-ID", messageId);
    mail.send(message);
  }
}
