package io.haetae.server.alert.internal;

import io.haetae.server.web.TemplatedMail;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns each organisation's new findings of one analysis into one alert: stored, audited,
 * announced ({@code AlertSent}) and mailed to the recipients the organisation chose. Runs from the
 * event publication registry: if the hub stops before the mail is sent, the publication stays
 * incomplete and is delivered on restart; if it was sent, the alert row (same transaction) stops
 * a second one. The one window left, a crash after the SMTP server accepted the mail but before
 * the commit, is covered by the stable id and Message-ID ({@code <analysis.org@haetae>}) that
 * mail clients use to drop the duplicate.
 */
@Component
class AlertDispatcher {

  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  private final Alerts alerts;
  private final OrganisationService organisations;
  private final AlertMail mailText;
  private final AckLinks links;
  private final JavaMailSender mail;
  private final String from;
  private final String baseUrl;

  AlertDispatcher(Alerts alerts, OrganisationService organisations, AlertMail mailText, AckLinks links, JavaMailSender mail,
      @Value("${haetae.mail.from}") String from, @Value("${haetae.base-url}") String baseUrl) {
    this.alerts = alerts;
    this.organisations = organisations;
    this.mailText = mailText;
    this.links = links;
    this.mail = mail;
    this.from = from;
    this.baseUrl = baseUrl;
  }

  @ApplicationModuleListener
  void on(FindingsOpened event) {
    Organisation org = organisations.find(event.orgId())
        .orElseThrow(() -> new IllegalStateException("organisation " + event.orgId() + " of a finding is missing"));
    var created = alerts.create(org, event.analysisId(), Instant.now());
    if (created.isEmpty()) return;
    var c = created.get();
    if (!c.recipients().isEmpty()) {
      var rendered = mailText.render(org, c.items(), c.alert().projects(),
          baseUrl + "/alerts/ack/" + links.issue(c.alert().id()), baseUrl + "/alerts/" + c.alert().id());
      send(org, c.recipients(), rendered, c.alert().messageId());
    }
    log.atInfo().addKeyValue("org", org.id()).addKeyValue("analysis", event.analysisId()).addKeyValue("alert", c.alert().id())
        .addKeyValue("findings", c.items().size()).addKeyValue("recipients", c.recipients().size()).log("alert sent");
  }

  private void send(Organisation org, List<String> to, TemplatedMail.Rendered rendered, String messageId) {
    try {
      TemplatedMail.send(mail, from, to, rendered, messageId);
    } catch (MessagingException | MailException e) {
      log.atWarn().addKeyValue("org", org.id()).addKeyValue("cause", e.getMessage())
          .log("alert mail not sent; it stays in the outbox and is retried");
      throw new IllegalStateException("could not send the alert mail for organisation " + org.id() + "; it will be retried", e);
    }
  }
}
