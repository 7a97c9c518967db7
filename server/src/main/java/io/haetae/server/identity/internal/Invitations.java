package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by e-mail with a one-time link: operators invite an organisation's CISO, CISOs
 * invite their members. The link's token is stored as SHA-256 and works once, within
 * {@code haetae.invitation.valid-for}; accepting it sets the password (NIST 800-63B rules).
 */
@Service
class Invitations {

  private final OrganisationRepository repository;
  private final PasswordEncoder passwords;
  private final JavaMailSender mail;
  private final MessageSource messages;
  private final AuditLog audit;
  private final String baseUrl;
  private final String from;
  private final Duration validFor;

  Invitations(OrganisationRepository repository, PasswordEncoder passwords, JavaMailSender mail, MessageSource messages,
      AuditLog audit, @Value("${haetae.base-url}") String baseUrl, @Value("${haetae.mail.from}") String from,
      @Value("${haetae.invitation.valid-for:P7D}") Duration validFor) {
    this.repository = repository;
    this.passwords = passwords;
    this.mail = mail;
    this.messages = messages;
    this.audit = audit;
    this.baseUrl = baseUrl;
    this.from = from;
    this.validFor = validFor;
  }

  /** Sends an invitation to join an organisation with a role; the mail is the only copy of the link. */
  @Transactional
  public void invite(Caller by, UUID orgId, String email, Role role) {
    boolean operatorInvitesCiso = by.may(Capability.ADMINISTER);
    boolean cisoInvitesOwn = by.may(Capability.MANAGE_ORGANISATION) && by.orgId().equals(orgId)
        && OrganisationService.mayGrant(by, role);
    if (!operatorInvitesCiso && !cisoInvitesOwn) {
      throw new org.springframework.security.access.AccessDeniedException("may not invite " + role + " to " + orgId);
    }
    Organisation org = repository.findById(orgId).orElseThrow(() -> new IllegalArgumentException("'organisation' is unknown"));
    String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (!address.matches("[^@\\s]+@[^@\\s]+") || address.length() > 320) {
      throw new IllegalArgumentException("'email' is not an e-mail address");
    }
    var existing = repository.findUser(address);
    if (existing.isPresent() && !existing.get().caller().orgId().equals(orgId)) {
      throw new IllegalArgumentException("'email' belongs to a user of another organisation");
    }
    String token = "inv_" + Secrets.password() + Secrets.password();
    repository.insertInvitation(Secrets.sha256(token), orgId, address, role, by.name(), Instant.now().plus(validFor));
    audit.record(by, "user.invite", orgId, address + " as " + role);
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(address);
    message.setSubject(messages.getMessage("invitation.mail.subject", new Object[] {org.name()}, Locale.ENGLISH));
    message.setText(messages.getMessage("invitation.mail.body",
        new Object[] {org.name(), role, baseUrl + "/invitation/" + token, validFor.toDays()}, Locale.ENGLISH));
    mail.send(message);
  }

  Optional<OrganisationRepository.InvitationRow> open(String token) {
    if (token == null || token.length() > 100) return Optional.empty();
    return repository.openInvitation(Secrets.sha256(token), Instant.now());
  }

  /** Accepts the invitation: sets the password (creating the user if new); the link is used up. */
  @Transactional
  public void accept(String token, String password) {
    var invitation = open(token).orElseThrow(() -> new IllegalArgumentException("the invitation is unknown, used or expired"));
    PasswordPolicy.problem(password, invitation.email(), invitation.role().needsSecondFactor())
        .ifPresent(p -> { throw new IllegalArgumentException(p); });
    if (!repository.acceptInvitation(invitation.tokenHash(), Instant.now())) {
      throw new IllegalArgumentException("the invitation is unknown, used or expired");
    }
    String hash = passwords.encode(password);
    if (repository.userExists(invitation.email())) {
      repository.updatePassword(invitation.email(), hash);
    } else {
      repository.insertUser(invitation.orgId(), invitation.email(), hash, invitation.role());
    }
    audit.attempt(invitation.email(), invitation.orgId(), "invitation.accept", invitation.role().name());
  }
}
