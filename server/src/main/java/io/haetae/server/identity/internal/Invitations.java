package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by e-mail with a one-time link: operators invite an organisation's CISO, CISOs
 * invite their members. The mail is queued and retried like alerts; the inviter also sees the
 * link once, to pass it on by hand where mail is slow or absent. The link's token is stored as SHA-256 and works once, within
 * {@code haetae.invitation.valid-for}; accepting it sets the password (NIST 800-63B rules).
 */
@Service
class Invitations {

  private final OrganisationRepository repository;
  private final PasswordEncoder passwords;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;
  private final String baseUrl;
  private final Duration validFor;

  Invitations(OrganisationRepository repository, PasswordEncoder passwords, ApplicationEventPublisher events, AuditLog audit,
      @Value("${haetae.base-url}") String baseUrl, @Value("${haetae.invitation.valid-for:P7D}") Duration validFor) {
    this.repository = repository;
    this.passwords = passwords;
    this.events = events;
    this.audit = audit;
    this.baseUrl = baseUrl;
    this.validFor = validFor;
  }

  /** What the inviter is shown once: the link to pass on by hand if the mail does not arrive. */
  record Issued(String email, String link, String tokenHash) {}

  /**
   * Stores an invitation to join an organisation with a role and queues its mail
   * ({@link InvitationMailer}); an absent SMTP server delays the mail, it never fails the
   * invitation. The link is returned to be shown to the inviter once.
   */
  @Transactional
  public Issued invite(Caller by, UUID orgId, String email, Role role) {
    boolean operatorInvitesCiso = by.may(Capability.ADMINISTER);
    boolean cisoInvitesOwn = by.may(Capability.MANAGE_ORGANISATION) && by.orgId().equals(orgId)
        && OrganisationService.mayGrant(by, role);
    if (!operatorInvitesCiso && !cisoInvitesOwn) {
      throw new org.springframework.security.access.AccessDeniedException("may not invite " + role + " to " + orgId);
    }
    repository.findById(orgId).orElseThrow(() -> new IllegalArgumentException("'organisation' is unknown"));
    String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (!address.matches("[^@\\s]+@[^@\\s]+") || address.length() > 320) {
      throw new IllegalArgumentException("'email' is not an e-mail address");
    }
    var existing = repository.findUser(address);
    if (existing.isPresent() && !existing.get().caller().orgId().equals(orgId)) {
      throw new IllegalArgumentException("'email' belongs to a user of another organisation");
    }
    String token = "inv_" + Secrets.password() + Secrets.password();
    String hash = Secrets.sha256(token);
    Instant expires = Instant.now().plus(validFor);
    String link = base() + "/invitation/" + token;
    repository.insertInvitation(hash, orgId, address, role, by.name(), expires);
    audit.record(by, "user.invite", orgId, address + " as " + role);
    events.publishEvent(new InvitationCreated(hash, orgId, address, role, link, expires));
    return new Issued(address, link, hash);
  }

  /**
   * Where invitation links point: {@code haetae.base-url} when it is set to the hub's address;
   * while it is left at its localhost default, the address the inviter reached the hub at (behind
   * a trusted proxy, the one it forwarded), so a hub used from another machine does not mail
   * links to localhost.
   */
  private String base() {
    boolean inRequest = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
        instanceof org.springframework.web.context.request.ServletRequestAttributes;
    return linkBase(baseUrl, inRequest
        ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
        : null);
  }

  /** {@code configured} unless it names localhost and the request's address ({@code requested}) is known. */
  static String linkBase(String configured, String requested) {
    String host = java.net.URI.create(configured).getHost();
    boolean local = host == null || host.matches("localhost|127(\\.\\d+){3}|\\[::1]|::1");
    String base = local && requested != null ? requested : configured;
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Whether the invitation's mail went out: for the note beside the link. */
  MailStatus mailStatus(String tokenHash) {
    return repository.invitationMail(tokenHash);
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
