package io.haetae.server.alert.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletResponse;
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
 * {@code /webhooks}: the organisation's endpoints, a form to add one (its secret is shown on the
 * answer page once), deleting one, and the latest delivery attempts.
 */
@Controller
class WebhookPages {

  private static final List<String> LEVELS = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNASSIGNED");

  private final Webhooks webhooks;

  WebhookPages(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @GetMapping("/webhooks")
  String page(Caller caller, Model model) {
    return show(caller, model);
  }

  @PostMapping("/webhooks")
  String add(Caller caller, @RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "UNASSIGNED") String minSeverity,
      @RequestParam(required = false) List<String> events, Model model, HttpServletResponse response) {
    caller.require(Capability.MANAGE_ORGANISATION);
    try {
      var created = webhooks.register(caller, url, minSeverity, events);
      model.addAttribute("created", created.endpoint());
      model.addAttribute("secret", created.secret());
    } catch (BadInputException e) {
      response.setStatus(400);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("url", url);
    }
    return show(caller, model);
  }

  @PostMapping("/webhooks/{id}/delete")
  String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
    webhooks.delete(caller, id);
    flash.addFlashAttribute("deleted", true);
    return "redirect:/webhooks";
  }

  private String show(Caller caller, Model model) {
    model.addAttribute("endpoints", webhooks.list(caller));
    model.addAttribute("attempts", webhooks.attempts(caller, null, 50));
    model.addAttribute("levels", LEVELS);
    model.addAttribute("eventTypes", List.of(WebhookRecords.EventType.values()).stream().map(t -> t.wire).toList());
    model.addAttribute("manage", caller.may(Capability.MANAGE_ORGANISATION));
    return "alert/webhooks";
  }
}
