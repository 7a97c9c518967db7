package io.haetae.server.domainwatch.internal;

import io.haetae.server.domainwatch.DomainMatchFound;
import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.OrganisationDomainsChanged;
import jakarta.mail.MessagingException;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the protecting organisation of a new look-alike, in its language, from the event
 * publication registry: a crash before the mail is recorded redelivers the event, and the
 * {@code domainwatch_mail} row (same transaction) keeps a redelivery from mailing twice.
 * Also takes the organisation import's domains column.
 */
@Component
class MatchMailer {

  private final DomainWatchRepository repository;
  private final DomainWatch watch;
  private final OrganisationDirectory directory;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final String from;
  private final String baseUrl;

  MatchMailer(DomainWatchRepository repository, DomainWatch watch, OrganisationDirectory directory, JavaMailSender mail,
      MessageSource messages, @Value("${haetae.mail.from}") String from, @Value("${haetae.base-url}") String baseUrl) {
    this.repository = repository;
    this.watch = watch;
    this.directory = directory;
    this.mail = mail;
    this.messages = messages;
    this.from = from;
    this.baseUrl = baseUrl;
  }

  @ApplicationModuleListener
  void on(DomainMatchFound e) throws MessagingException {
    if (!repository.markMailed(e.matchId())) return;
    for (Addressee a : directory.addressees(false, Set.of(), Set.of(), Set.of(e.orgId()))) {
      if (a.email() == null) continue;
      Locale locale = Locale.forLanguageTag(a.language() == null ? "ko" : a.language());
      Object[] args = {e.domain(), e.protectedName(), messages.getMessage("domainwatch.technique." + e.technique(), null,
          e.technique(), locale), e.score(), baseUrl + "/domains", a.orgName()};
      var message = mail.createMimeMessage();
      var helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(a.email());
      helper.setSubject(messages.getMessage("domainwatch.mail.subject", args, locale));
      helper.setText(messages.getMessage("domainwatch.mail.body", args, locale));
      mail.send(message);
    }
  }

  @ApplicationModuleListener
  void on(OrganisationDomainsChanged e) {
    watch.importedDomains(e.orgId(), e.domains());
  }
}
