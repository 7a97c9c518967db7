package io.haetae.server.alert.internal;

import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.alert.internal.AlertRecords.Upgrade;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Tlp;
import io.haetae.server.web.Languages;
import io.haetae.server.web.TextMailHtml;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates, once, each alert with a known-exploited (KEV) or critical finding that nobody
 * acknowledged within {@code haetae.alert.escalate-after} (default 4 hours): the sector operators
 * of the ministry supervising the organisation's sector, or the national operators when there is
 * none, get a mail (HTML and plain text, in each contact's organisation's language) naming the organisation, the alert and how long it has waited; the alert
 * becomes ESCALATED (still acknowledgeable). Checked every {@code haetae.alert.escalation-check}.
 * Each alert is escalated in its own transaction; a failed mail rolls it back for the next check.
 */
@Component
class Escalation {

  private static final Logger log = LoggerFactory.getLogger(Escalation.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));

  private final Alerts alerts;
  private final OrganisationService organisations;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final Duration after;
  private final String from;
  private final String baseUrl;

  Escalation(Alerts alerts, OrganisationService organisations, JavaMailSender mail, MessageSource messages,
      @Value("${haetae.alert.escalate-after:PT4H}") Duration after, @Value("${haetae.mail.from}") String from,
      @Value("${haetae.base-url}") String baseUrl) {
    this.alerts = alerts;
    this.organisations = organisations;
    this.mail = mail;
    this.messages = messages;
    this.after = after;
    this.from = from;
    this.baseUrl = baseUrl;
  }

  @Scheduled(fixedDelayString = "${haetae.alert.escalation-check:PT1M}", initialDelayString = "${haetae.alert.escalation-check:PT1M}")
  // One node at a time: two nodes escalating the same overdue alert at once would both send its mail.
  // Released when the run ends: a run right after on another node finds the alert escalated already.
  @SchedulerLock(name = "alert-escalation", lockAtMostFor = "PT30M")
  void check() {
    Instant now = Instant.now();
    for (Alert alert : alerts.overdue(now.minus(after))) {
      try {
        escalate(alert, now);
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("alert", alert.id()).addKeyValue("cause", e.getMessage())
            .log("escalation not sent; retried at the next check");
      }
    }
  }

  private void escalate(Alert alert, Instant now) {
    Organisation org = organisations.find(alert.orgId()).orElseThrow();
    List<Addressee> contacts = organisations.escalationAddressees(org.id());
    List<String> emails = contacts.stream().map(Addressee::email).toList();
    // The transaction of Alerts.escalate commits after the mail went out: a failed mail escalates nothing.
    alerts.escalateAndThen(alert, org, emails, now, () -> {
      // One mail per language: each contact reads it in its own organisation's language.
      var byLanguage = new TreeMap<String, List<String>>();
      for (Addressee a : contacts) byLanguage.computeIfAbsent(Languages.of(a.language()).getLanguage(), l -> new ArrayList<>()).add(a.email());
      byLanguage.forEach((language, to) -> send(alert, org, to, Languages.of(language), now));
    });
    log.atInfo().addKeyValue("alert", alert.id()).addKeyValue("org", org.id()).addKeyValue("contacts", contacts.size())
        .log("alert escalated");
  }

  private void send(Alert alert, Organisation org, List<String> to, Locale locale, Instant now) {
    List<Item> items = alerts.items(alert.id());
    Item worst = items.isEmpty() ? null : items.getFirst();
    var upgrades = new StringBuilder();
    for (Upgrade u : Upgrade.of(items)) {
      upgrades.append("- ").append(u.component()).append(' ').append(u.from()).append(" -> ")
          .append(u.to() == null ? "?" : u.to()).append(" (").append(u.advisories()).append(")\n");
    }
    Duration waited = alert.waited(now);
    String waitedText = messages.getMessage("alerts.escalation.waited",
        new Object[] {waited.toHours(), waited.toMinutesPart()}, locale);
    boolean marked = alert.tlp() != Tlp.CLEAR;
    String subject = messages.getMessage("alerts.escalation.subject", new Object[] {org.name(), waitedText}, locale);
    if (marked) subject = "[" + alert.tlp().label() + "] " + subject;
    String link = baseUrl + "/alerts/" + alert.id();
    String severity = worst == null ? "" : messages.getMessage("severity." + worst.severity().name(), null, worst.severity().name(), locale);
    String body = (marked ? alert.tlp().label() + ": " + messages.getMessage("alert.tlp." + alert.tlp().name(), null, locale) + "\n\n" : "")
        + messages.getMessage("alerts.escalation.body", new Object[] {org.name(), link, WHEN.format(alert.sentAt()), waitedText,
            worst == null ? "-" : "[" + severity + "] " + worst.advisoryId() + " " + worst.component(),
            worst != null && worst.kev() ? messages.getMessage("alerts.escalation.kev", null, locale) : "",
            upgrades.toString(), org.cisoEmail()}, locale);
    try {
      MimeMessage message = mail.createMimeMessage();
      var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_NO, "UTF-8");
      helper.setFrom(from);
      helper.setTo(to.toArray(String[]::new));
      helper.setSubject(subject);
      var alternative = new MimeMultipart("alternative");
      var plain = new MimeBodyPart();
      plain.setText(body, "UTF-8");
      var rich = new MimeBodyPart();
      rich.setContent(TextMailHtml.of(locale, subject, body, link, messages.getMessage("alerts.escalation.open", null, locale)),
          "text/html;charset=UTF-8");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(rich);
      message.setContent(alternative);
      message.saveChanges();
      message.setHeader("Message-ID", "<" + alert.id() + ".escalation." + locale.getLanguage() + "@haetae>");
      message.setHeader("Auto-Submitted", "auto-generated");
      mail.send(message);
    } catch (MessagingException | MailException e) {
      throw new IllegalStateException("could not send the escalation of alert " + alert.id(), e);
    }
  }
}
