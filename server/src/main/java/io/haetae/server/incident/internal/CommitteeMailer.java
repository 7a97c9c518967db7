package io.haetae.server.incident.internal;

import io.haetae.server.incident.internal.IncidentRecords.Case;
import io.haetae.server.incident.internal.IncidentRecords.Member;
import io.haetae.server.web.Languages;
import io.haetae.server.web.TextMailHtml;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Summons a committee member by mail, in the member's language, from the event publication
 * registry: the event is stored with the case, so a mail server that is down delays the summons
 * (it is retried) and never loses it. A member already mailed is skipped, so a redelivery after a
 * crash sends nothing twice; the stable Message-ID lets mail clients drop the rare duplicate of a
 * send whose completion was lost. The mail has a plain-text and an HTML part; the text comes from
 * the message bundles ({@code incident.mail.*}).
 */
@Component
class CommitteeMailer {

  private static final Logger log = LoggerFactory.getLogger(CommitteeMailer.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (VV)");

  private final IncidentRepository repository;
  private final Incidents incidents;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final String from;

  CommitteeMailer(IncidentRepository repository, Incidents incidents, JavaMailSender mail, MessageSource messages,
      @Value("${haetae.mail.from}") String from) {
    this.repository = repository;
    this.incidents = incidents;
    this.mail = mail;
    this.messages = messages;
    this.from = from;
  }

  @ApplicationModuleListener
  void on(CommitteeSummoned event) {
    Case c = repository.find(event.incidentId())
        .orElseThrow(() -> new IllegalStateException("incident " + event.incidentId() + " of a summons is missing"));
    Member m = repository.member(c.id(), event.memberId())
        .orElseThrow(() -> new IllegalStateException("committee member " + event.memberId() + " is missing"));
    if (m.mailedAt() != null) return;
    try {
      mail.send(message(c, m));
    } catch (MessagingException | MailException e) {
      log.atWarn().addKeyValue("incident", c.id()).addKeyValue("member", m.id()).addKeyValue("cause", e.getMessage())
          .log("committee summons not sent; it stays in the outbox and is retried");
      throw new IllegalStateException("could not summon committee member " + m.id() + " to incident " + c.id(), e);
    }
    repository.mailed(m.id(), Instant.now());
    log.atInfo().addKeyValue("incident", c.id()).addKeyValue("member", m.id()).log("committee member summoned");
  }

  MimeMessage message(Case c, Member m) throws MessagingException {
    Locale locale = Languages.of(m.language());
    String link = incidents.joinUrl(c.id(), m.id());
    String klass = messages.getMessage("incident.class." + c.incidentClass().name(), null, locale);
    String severity = messages.getMessage("incident.severity." + c.severity().name(), null, locale);
    Object[] args = {c.title(), c.orgName(), c.service(), severity, klass, c.awareAt().atZone(c.zone()).format(WHEN), link,
        c.tlp().label(), m.name()};
    String subject = "[" + c.tlp().label() + "] " + messages.getMessage("incident.mail.subject", args, locale);
    String text = messages.getMessage("incident.mail.body", args, locale);
    MimeMessage message = mail.createMimeMessage();
    var helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(m.email());
    helper.setSubject(subject);
    helper.setText(text, TextMailHtml.of(locale, null, text, link, messages.getMessage("incident.mail.button", null, locale)));
    message.saveChanges();
    message.setHeader("Message-ID", "<incident." + c.id() + "." + m.id() + "@haetae>");
    return message;
  }
}
