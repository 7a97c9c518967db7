package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.web.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A CISO manages their own organisation: members (invite, change role, remove) and API keys
 * (one per integration, shown once, revocable, with last-used time). Every query names the
 * caller's organisation, so another organisation's member or key answers 404.
 */
@Controller
class OrganisationSettingsPage {

  private final OrganisationRepository repository;
  private final OrganisationService organisations;
  private final Invitations invitations;
  private final AuditLog audit;

  OrganisationSettingsPage(OrganisationRepository repository, OrganisationService organisations, Invitations invitations,
      AuditLog audit) {
    this.repository = repository;
    this.organisations = organisations;
    this.invitations = invitations;
    this.audit = audit;
  }

  /**
   * The roles the caller may hand out, the same rule the service enforces: a fixed list left an
   * operator's fellow operators without their own role in the list, so the form preselected a
   * lesser one and "Change" demoted them.
   */
  private static List<Role> grantable(Caller caller) {
    return java.util.Arrays.stream(Role.values()).filter(r -> OrganisationService.mayGrant(caller, r)).toList();
  }

  @GetMapping("/org/members")
  String members(Caller caller, Model model) {
    caller.require(Capability.MANAGE_ORGANISATION);
    model.addAttribute("members", repository.usersOf(caller.orgId()));
    model.addAttribute("roles", grantable(caller));
    model.addAttribute("language", repository.findById(caller.orgId()).map(o -> o.language()).orElse("ko"));
    model.addAttribute("invitations", repository.openInvitationsOf(caller.orgId(), java.time.Instant.now()));
    InvitationResult.show(model, invitations);
    return "identity/members";
  }

  @PostMapping("/org/members")
  String invite(Caller caller, @RequestParam String email, @RequestParam String role, RedirectAttributes flash) {
    caller.require(Capability.MANAGE_ORGANISATION);
    try {
      InvitationResult.flash(flash, invitations.invite(caller, caller.orgId(), email, Role.parse(role, "role")));
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/org/members";
  }

  /** The language of the organisation's mail (alerts, notices, invitations): Korean or English. */
  @PostMapping("/org/language")
  String language(Caller caller, @RequestParam(defaultValue = "") String language, RedirectAttributes flash) {
    caller.require(Capability.MANAGE_ORGANISATION);
    String chosen = language.strip().toLowerCase(java.util.Locale.ROOT);
    if (io.haetae.server.web.Languages.SUPPORTED.stream().noneMatch(l -> l.getLanguage().equals(chosen))) {
      flash.addFlashAttribute("problem", "'language' must be ko or en");
      return "redirect:/org/members";
    }
    if (repository.updateLanguage(caller.orgId(), chosen)) {
      audit.record(caller, "organisation.language", caller.orgId(), chosen);
    }
    flash.addFlashAttribute("languageSaved", true);
    return "redirect:/org/members";
  }

  @PostMapping("/org/members/{id}/role")
  String changeRole(Caller caller, @PathVariable UUID id, @RequestParam String role, RedirectAttributes flash) {
    caller.require(Capability.MANAGE_ORGANISATION);
    Role next;
    try {
      next = Role.parse(role, "role");
      if (!OrganisationService.mayGrant(caller, next)) throw new IllegalArgumentException("'role' " + next + " is more than you may grant");
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("problem", e.getMessage());
      return "redirect:/org/members";
    }
    if (!repository.updateRole(caller.orgId(), id, next)) throw new NotFoundException("member");
    audit.record(caller, "user.role", caller.orgId(), "user " + id + " as " + next);
    return "redirect:/org/members";
  }

  @PostMapping("/org/members/{id}/remove")
  String remove(Caller caller, @PathVariable UUID id) {
    caller.require(Capability.MANAGE_ORGANISATION);
    if (!repository.deleteUser(caller.orgId(), id)) throw new NotFoundException("member");
    audit.record(caller, "user.remove", caller.orgId(), "user " + id);
    return "redirect:/org/members";
  }

  @GetMapping("/org/keys")
  String keys(Caller caller, Model model) {
    caller.require(Capability.MANAGE_ORGANISATION);
    model.addAttribute("keys", repository.keysOf(caller.orgId()));
    model.addAttribute("roles", grantable(caller));
    return "identity/keys";
  }

  @PostMapping("/org/keys")
  String issue(Caller caller, @RequestParam String name, @RequestParam(defaultValue = "") String role,
      RedirectAttributes flash) {
    caller.require(Capability.MANAGE_ORGANISATION);
    try {
      // The role is always chosen: a missing one is refused, never taken to be the caller's own.
      Role chosen = Role.parse(role, "role");
      flash.addFlashAttribute("newKey", organisations.issueKey(caller, name, chosen));
      flash.addFlashAttribute("newKeyRole", chosen.name());
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/org/keys";
  }

  @PostMapping("/org/keys/{id}/revoke")
  String revoke(Caller caller, @PathVariable UUID id) {
    caller.require(Capability.MANAGE_ORGANISATION);
    if (!repository.revokeKey(caller.orgId(), id)) throw new NotFoundException("key");
    audit.record(caller, "api-key.revoke", caller.orgId(), "key " + id);
    return "redirect:/org/keys";
  }
}
