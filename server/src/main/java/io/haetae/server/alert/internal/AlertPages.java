package io.haetae.server.alert.internal;

import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.AlertRecords.Settings;
import io.haetae.server.alert.internal.AlertRecords.Upgrade;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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
 * The in-app inbox ({@code /alerts}, {@code /alerts/{id}}), the alert settings
 * ({@code /alerts/settings}, CISO) and the one-click acknowledgement page
 * ({@code /alerts/ack/{token}}, no sign-in: the GET only shows a confirmation, the POST acts).
 */
@Controller
class AlertPages {

  private static final int PAGE = 20;
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));
  private static final List<String> LEVELS = List.of("OFF", "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNASSIGNED");

  private final Alerts alerts;
  private final AckLinks links;
  private final OrganisationService organisations;

  AlertPages(Alerts alerts, AckLinks links, OrganisationService organisations) {
    this.alerts = alerts;
    this.links = links;
    this.organisations = organisations;
  }

  /** An alert as a page shows it, dates local. */
  record View(Alert alert, String created, String acknowledged, String escalated, int findings) {
    static View of(Alert a, int findings) {
      return new View(a, when(a.createdAt()), when(a.acknowledgedAt()), when(a.escalatedAt()), findings);
    }
  }

  static String when(Instant i) {
    return i == null ? null : WHEN.format(i);
  }

  @GetMapping("/alerts")
  String inbox(Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
    caller.require(Capability.READ_INVENTORY);
    int p = Math.max(0, page);
    var list = alerts.page(caller, p, PAGE).stream().map(a -> View.of(a, alerts.items(a.id()).size())).toList();
    long total = alerts.count(caller);
    model.addAttribute("alerts", list);
    model.addAttribute("page", p);
    model.addAttribute("hasNext", (long) (p + 1) * PAGE < total);
    model.addAttribute("mayConfigure", caller.may(Capability.MANAGE_ORGANISATION));
    return "alert/inbox";
  }

  @GetMapping("/alerts/{id}")
  String alert(Caller caller, @PathVariable UUID id, Model model) {
    caller.require(Capability.READ_INVENTORY);
    Alert a = alerts.own(caller, id);
    var items = alerts.items(a.id());
    model.addAttribute("view", View.of(a, items.size()));
    model.addAttribute("upgrades", Upgrade.of(items));
    model.addAttribute("items", items);
    model.addAttribute("mayAcknowledge", caller.may(Capability.WRITE_INVENTORY) && a.state().mayMoveTo(AlertState.ACKNOWLEDGED));
    return "alert/alert";
  }

  @PostMapping("/alerts/{id}/acknowledge")
  String acknowledge(Caller caller, @PathVariable UUID id) {
    try {
      alerts.acknowledge(caller, id, "page");
    } catch (AlertState.IllegalAlertMove alreadyDone) {
      // Someone acknowledged it first: the page shows by whom.
    }
    return "redirect:/alerts/" + id;
  }

  @GetMapping("/alerts/settings")
  String settings(Caller caller, Model model) {
    caller.require(Capability.MANAGE_ORGANISATION);
    model.addAttribute("settings", AlertApi.json(alerts.settings(caller.orgId())));
    model.addAttribute("levels", LEVELS);
    return "alert/settings";
  }

  @PostMapping("/alerts/settings")
  String saveSettings(Caller caller, @RequestParam String ciso, @RequestParam String members, @RequestParam String extra,
      @RequestParam(defaultValue = "") String extraAddresses, Model model, RedirectAttributes flash,
      HttpServletResponse response) {
    caller.require(Capability.MANAGE_ORGANISATION);
    try {
      var addresses = Alerts.parseAddresses(Arrays.asList(extraAddresses.split("[,\\s]+")));
      var settings = new Settings(Alerts.parseLevel(ciso, "ciso"), Alerts.parseLevel(members, "members"),
          Alerts.parseLevel(extra, "extra"), addresses);
      if (settings.extra() != null && addresses.isEmpty()) throw new BadInputException("'extraAddresses' is empty while 'extra' is " + extra);
      alerts.saveSettings(caller, settings);
    } catch (BadInputException e) {
      response.setStatus(400);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("settings", new AlertApi.SettingsJson(ciso, members, extra, List.of(extraAddresses)));
      model.addAttribute("levels", LEVELS);
      return "alert/settings";
    }
    flash.addFlashAttribute("saved", true);
    return "redirect:/alerts/settings";
  }

  @GetMapping("/alerts/ack/{token}")
  String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
    var alert = links.verify(token, AckLinks.ACKNOWLEDGE).flatMap(alerts::find);
    if (alert.isEmpty()) {
      response.setStatus(404);
      model.addAttribute("outcome", "invalid");
      return "alert/ack";
    }
    Alert a = alert.get();
    model.addAttribute("token", token);
    model.addAttribute("org", organisations.find(a.orgId()).map(o -> o.name()).orElse(""));
    model.addAttribute("view", View.of(a, alerts.items(a.id()).size()));
    model.addAttribute("outcome", a.state() == AlertState.ACKNOWLEDGED ? "already" : "confirm");
    return "alert/ack";
  }

  @PostMapping("/alerts/ack/{token}")
  String acknowledgeByLink(@PathVariable String token, Model model, HttpServletResponse response) {
    var id = links.verify(token, AckLinks.ACKNOWLEDGE);
    if (id.isEmpty() || alerts.find(id.get()).isEmpty()) {
      response.setStatus(404);
      model.addAttribute("outcome", "invalid");
      return "alert/ack";
    }
    try {
      alerts.acknowledgeByLink(id.get());
      model.addAttribute("outcome", "done");
    } catch (AlertState.IllegalAlertMove e) {
      model.addAttribute("outcome", "already");
    }
    return "alert/ack";
  }
}
