package io.haetae.server.identity.internal;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The invitation link shown once to the inviter, on the page the invitation form redirects to
 * (flash attributes: strings, so a session stored in the database can hold them), with where
 * its mail stands.
 */
final class InvitationResult {

  private InvitationResult() {}

  static void flash(RedirectAttributes flash, Invitations.Issued issued) {
    flash.addFlashAttribute("invitedEmail", issued.email());
    flash.addFlashAttribute("invitedLink", issued.link());
    flash.addFlashAttribute("invitedHash", issued.tokenHash());
  }

  static void show(Model model, Invitations invitations) {
    if (model.getAttribute("invitedHash") instanceof String hash) {
      model.addAttribute("invitationMail", invitations.mailStatus(hash));
    }
  }
}
