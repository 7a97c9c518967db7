package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.InvitedToCase;
import io.haetae.server.disclosure.Participant;
import io.haetae.server.disclosure.Report;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.web.TemplatedMail;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells organisations about the cases they take part in (docs/disclosure.md, "Who is told what"):
 * an invited organisation that it was invited, every invited organisation that the hub ended the
 * embargo. Runs from the event publication registry, so a mail server that is down delays the
 * mail (retried) and never loses it. A row in {@code disclosure_mail} per case, organisation and
 * kind, written once the SMTP server took the mail, makes a redelivery send nothing twice; the
 * window between the two is covered by the stable Message-ID mail clients drop duplicates by.
 */
@Component
class CaseMailer {

  static final String INVITED = "INVITED";
  static final String EMBARGO_EXPIRED = "EMBARGO_EXPIRED";
  private static final Logger log = LoggerFactory.getLogger(CaseMailer.class);

  private final CaseRepository cases;
  private final ReportRepository reports;
  private final OrganisationService organisations;
  private final CaseMail text;
  private final JavaMailSender mail;
  private final String from;

  CaseMailer(CaseRepository cases, ReportRepository reports, OrganisationService organisations, CaseMail text, JavaMailSender mail,
      @Value("${haetae.mail.from}") String from) {
    this.cases = cases;
    this.reports = reports;
    this.organisations = organisations;
    this.text = text;
    this.mail = mail;
    this.from = from;
  }

  @ApplicationModuleListener
  void on(InvitedToCase event) {
    if (!cases.lockParticipant(event.reportId(), event.orgId())) {
      throw new IllegalStateException("invitation of " + event.orgId() + " to report " + event.reportId() + " is missing");
    }
    if (cases.mailed(event.reportId(), event.orgId(), INVITED)) return;
    Report report = report(event.reportId());
    Organisation org = organisation(event.orgId());
    Participant invitation = cases.participants(event.reportId()).stream().filter(p -> p.orgId().equals(event.orgId())).findFirst()
        .orElseThrow(() -> new IllegalStateException("invitation of " + event.orgId() + " to report " + event.reportId() + " is missing"));
    String inviterOrg = event.invitedByOrg() == null ? null : organisations.find(event.invitedByOrg()).map(Organisation::name).orElse(null);
    String inviter = inviterOrg == null ? invitation.invitedBy() : invitation.invitedBy() + " (" + inviterOrg + ")";
    var file = cases.find(event.reportId());
    var rendered = text.invited(org, report.id(), report.submission().title(), inviter, invitation.kind().name(),
        file.embargo().needsEnd() ? file.embargoEndsAt() : null);
    send(org, report.id(), INVITED, recipients(org, invitation.kind()), rendered);
  }

  @ApplicationModuleListener
  void on(EmbargoExpiryToTell event) {
    cases.lockParticipant(event.reportId(), event.orgId());
    if (cases.mailed(event.reportId(), event.orgId(), EMBARGO_EXPIRED)) return;
    Report report = report(event.reportId());
    Organisation org = organisation(event.orgId());
    Participant.Kind kind = cases.participants(List.of(report.id())).getOrDefault(report.id(), java.util.Map.of())
        .getOrDefault(org.id(), Participant.Kind.VENDOR);
    send(org, report.id(), EMBARGO_EXPIRED, recipients(org, kind), text.embargoExpired(org, report.id(), report.submission().title(),
        event.endsAt()));
  }

  /** The organisation's CISO address and its CISO users; for a coordinating ISAC its analysts too, who triage the case. */
  private List<String> recipients(Organisation org, Participant.Kind kind) {
    var out = new LinkedHashSet<String>();
    if (org.cisoEmail() != null) out.add(org.cisoEmail().toLowerCase(Locale.ROOT));
    Set<Role> roles = kind == Participant.Kind.COORDINATOR ? Set.of(Role.CISO, Role.ISAC_ANALYST) : Set.of(Role.CISO);
    organisations.emailsOf(org.id(), roles).forEach(e -> out.add(e.toLowerCase(Locale.ROOT)));
    return List.copyOf(out);
  }

  private void send(Organisation org, UUID reportId, String kind, List<String> to, TemplatedMail.Rendered rendered) {
    if (!to.isEmpty()) {
      try {
        TemplatedMail.send(mail, from, to, rendered, CaseMail.messageId(kind, reportId, org.id()));
      } catch (MessagingException | MailException e) {
        log.atWarn().addKeyValue("report", reportId).addKeyValue("org", org.id()).addKeyValue("kind", kind)
            .addKeyValue("cause", e.getMessage()).log("case mail not sent; it stays in the outbox and is retried");
        throw new IllegalStateException("could not mail organisation " + org.id() + " about report " + reportId, e);
      }
    }
    cases.markMailed(reportId, org.id(), kind, Instant.now());
    log.atInfo().addKeyValue("report", reportId).addKeyValue("org", org.id()).addKeyValue("kind", kind)
        .addKeyValue("recipients", to.size()).log(to.isEmpty() ? "case mail skipped: the organisation has no address" : "case mail sent");
  }

  private Report report(UUID id) {
    return reports.find(id).orElseThrow(() -> new IllegalStateException("report " + id + " of a case mail is missing"));
  }

  private Organisation organisation(UUID id) {
    return organisations.find(id).orElseThrow(() -> new IllegalStateException("organisation " + id + " of a case mail is missing"));
  }
}
