package io.haetae.server.alert.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingService;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryCatalog;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends each organisation's CISO one digest per analysis. Runs from the event publication
 * registry: if the hub stops before the mail is sent, the publication stays incomplete and is
 * delivered on restart; if it was sent, the delivery row (same transaction) stops a second one.
 * The one window left, a crash after the SMTP server accepted the mail but before the commit,
 * is covered by a stable Message-ID that mail clients use to drop the duplicate.
 */
@Component
class DigestMailer {

  private static final Logger log = LoggerFactory.getLogger(DigestMailer.class);

  private final FindingService findings;
  private final AdvisoryCatalog catalog;
  private final OrganisationService organisations;
  private final DeliveryRepository deliveries;
  private final JavaMailSender mail;
  private final DigestWriter writer;
  private final String from;

  DigestMailer(FindingService findings, AdvisoryCatalog catalog, OrganisationService organisations, DeliveryRepository deliveries,
      JavaMailSender mail, DigestWriter writer, @Value("${haetae.mail.from}") String from) {
    this.findings = findings;
    this.catalog = catalog;
    this.organisations = organisations;
    this.deliveries = deliveries;
    this.mail = mail;
    this.writer = writer;
    this.from = from;
  }

  @ApplicationModuleListener
  void on(FindingsOpened event) {
    Organisation org = organisations.find(event.orgId())
        .orElseThrow(() -> new IllegalStateException("organisation " + event.orgId() + " of a finding is missing"));
    List<Finding> opened = findings.openedIn(event.analysisId(), org.id());
    if (opened.isEmpty()) return;
    opened = DigestOrder.sort(opened, catalog.exploitation(DigestOrder.ids(opened)));
    String messageId = "<" + event.analysisId() + "." + org.id() + "@haetae>";
    if (!deliveries.claim(event.analysisId(), org.id(), org.cisoEmail(), messageId, opened.size())) return;
    send(org, opened, catalog.tlpOf(opened.stream().map(Finding::advisoryId).toList()), messageId);
    log.atInfo().addKeyValue("org", org.id()).addKeyValue("analysis", event.analysisId())
        .addKeyValue("findings", opened.size()).log("alert digest sent");
  }

  private void send(Organisation org, List<Finding> opened, Map<String, Tlp> tlp, String messageId) {
    try {
      MimeMessage message = mail.createMimeMessage();
      var helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(org.cisoEmail());
      helper.setSubject(writer.subject(org, opened, tlp));
      helper.setText(writer.body(org, opened, tlp), false);
      message.saveChanges();
      message.setHeader("Message-ID", messageId);
      mail.send(message);
    } catch (MessagingException | MailException e) {
      log.atWarn().addKeyValue("org", org.id()).addKeyValue("cause", e.getMessage())
          .log("alert digest not sent; it stays in the outbox and is retried");
      throw new IllegalStateException("could not send the alert digest for organisation " + org.id() + "; it will be retried", e);
    }
  }
}
