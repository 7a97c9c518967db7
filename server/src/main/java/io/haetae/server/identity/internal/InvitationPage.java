package io.haetae.server.identity.internal;

import io.haetae.server.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one-time link of an invitation mail: choose a password, then sign in. */
@Controller
class InvitationPage {

  private final Invitations invitations;

  InvitationPage(Invitations invitations) {
    this.invitations = invitations;
  }

  @GetMapping("/invitation/{token}")
  String form(@PathVariable String token, Model model) {
    var invitation = invitations.open(token).orElseThrow(() -> new NotFoundException("invitation"));
    model.addAttribute("token", token);
    model.addAttribute("email", invitation.email());
    model.addAttribute("minLength", invitation.role().needsSecondFactor() ? 8 : 15);
    return "identity/invitation";
  }

  @PostMapping("/invitation/{token}")
  String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model) {
    var invitation = invitations.open(token).orElseThrow(() -> new NotFoundException("invitation"));
    try {
      invitations.accept(token, password);
    } catch (IllegalArgumentException e) {
      model.addAttribute("token", token);
      model.addAttribute("email", invitation.email());
      model.addAttribute("minLength", invitation.role().needsSecondFactor() ? 8 : 15);
      model.addAttribute("problem", e.getMessage());
      return "identity/invitation";
    }
    return "redirect:/login?welcome";
  }
}
