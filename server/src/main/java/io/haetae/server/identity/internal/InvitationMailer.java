package io.haetae.server.identity.internal;

import io.haetae.server.identity.Organisation;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the invitation mail, in the organisation's language, from the event publication
 * registry: a failed send leaves the publication incomplete, and it is retried like an alert
 * digest (on the redelivery schedule and at restart). The failure is noted on the invitation so
 * the inviter sees why the mail has not arrived. A stable Message-ID lets mail clients drop the
 * duplicate of a send whose completion was lost in a crash.
 */
@Component
class InvitationMailer {

  private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

  private final OrganisationRepository repository;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final TransactionTemplate separately;
  private final String from;

  InvitationMailer(OrganisationRepository repository, JavaMailSender mail, MessageSource messages,
      PlatformTransactionManager transactions, @Value("${haetae.mail.from}") String from) {
    this.repository = repository;
    this.mail = mail;
    this.messages = messages;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.from = from;
  }

  @ApplicationModuleListener
  void on(InvitationCreated event) {
    if (repository.invitationMail(event.tokenHash()) instanceof MailStatus.Sent) return;
    Organisation org = repository.findById(event.orgId())
        .orElseThrow(() -> new IllegalStateException("organisation " + event.orgId() + " of an invitation is missing"));
    try {
      mail.send(message(org, event));
    } catch (MessagingException | MailException e) {
      String problem = e.getMessage();
      separately.executeWithoutResult(t -> repository.invitationNotMailed(event.tokenHash(), problem));
      log.atWarn().addKeyValue("org", org.id()).addKeyValue("cause", problem)
          .log("invitation mail not sent; it stays in the outbox and is retried");
      throw new IllegalStateException("could not send the invitation mail for organisation " + org.id() + "; it will be retried", e);
    }
    repository.invitationMailed(event.tokenHash(), Instant.now());
    log.atInfo().addKeyValue("org", org.id()).log("invitation mail sent");
  }

  private MimeMessage message(Organisation org, InvitationCreated event) throws MessagingException {
    var locale = org.locale();
    String role = messages.getMessage("role." + event.role().name(), null, event.role().name(), locale);
    long days = Math.max(1, Duration.between(Instant.now(), event.expiresAt()).plusHours(1).toDays());
    MimeMessage message = mail.createMimeMessage();
    var helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from);
    helper.setTo(event.email());
    helper.setSubject(messages.getMessage("invitation.mail.subject", new Object[] {org.name()}, locale));
    helper.setText(messages.getMessage("invitation.mail.body", new Object[] {org.name(), role, event.link(), days}, locale), false);
    message.saveChanges();
    message.setHeader("Message-ID", "<invitation." + event.tokenHash().substring(0, 32) + "@haetae>");
    return message;
  }
}
