package io.haetae.server.alert.internal;

import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.alert.internal.AlertRecords.Settings;
import io.haetae.server.alert.internal.AlertRecords.Upgrade;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.web.BadInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: the caller's organisation's alerts, newest first, with the
 * recommendation per finding; acknowledging one; the alert settings. docs/alerts.md.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertApi {

  private final Alerts alerts;

  AlertApi(Alerts alerts) {
    this.alerts = alerts;
  }

  record Recommendation(String upgradeTo, String workaround) {}

  record Priority(boolean kev, Double epss, Double cvss) {}

  record FindingJson(UUID id, String component, String version, String vulnerability, List<String> aliases, String title,
      String severity, String tlp, Recommendation recommendation, LocalDate dueDate, Priority priority) {}

  record UpgradeJson(String component, String from, String to, int advisories, int critical, int knownExploited,
      LocalDate dueDate) {}

  record AlertJson(UUID id, Instant createdAt, Instant sentAt, String state, String severity, String tlp, String projects,
      Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt, List<UpgradeJson> upgrades,
      List<FindingJson> findings) {}

  record PageJson(long total, int page, int size, List<AlertJson> alerts) {}

  record SettingsJson(String ciso, String members, String extra, List<String> extraAddresses) {}

  @GetMapping
  PageJson list(Caller caller, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    caller.require(Capability.READ_INVENTORY);
    if (page < 0) throw new BadInputException("'page' must be 0 or more");
    if (size < 1 || size > 100) throw new BadInputException("'size' must be between 1 and 100");
    var list = alerts.page(caller, page, size).stream().map(a -> json(a, alerts.items(a.id()))).toList();
    return new PageJson(alerts.count(caller), page, size, list);
  }

  @GetMapping("/{id}")
  AlertJson one(Caller caller, @PathVariable UUID id) {
    caller.require(Capability.READ_INVENTORY);
    Alert a = alerts.own(caller, id);
    return json(a, alerts.items(a.id()));
  }

  @PostMapping("/{id}/acknowledge")
  AlertJson acknowledge(Caller caller, @PathVariable UUID id) {
    Alert a = alerts.acknowledge(caller, id, "api");
    return json(a, alerts.items(a.id()));
  }

  @GetMapping("/settings")
  SettingsJson settings(Caller caller) {
    caller.require(Capability.MANAGE_ORGANISATION);
    return json(alerts.settings(caller.orgId()));
  }

  @PutMapping("/settings")
  SettingsJson saveSettings(Caller caller, @RequestBody SettingsJson body) {
    caller.require(Capability.MANAGE_ORGANISATION);
    if (body == null) throw new BadInputException("request body is missing");
    var settings = new Settings(Alerts.parseLevel(body.ciso(), "ciso"), Alerts.parseLevel(body.members(), "members"),
        Alerts.parseLevel(body.extra() == null ? "OFF" : body.extra(), "extra"), Alerts.parseAddresses(body.extraAddresses()));
    if (settings.extra() != null && settings.extraAddresses().isEmpty()) {
      throw new BadInputException("'extraAddresses' is empty while 'extra' is " + body.extra());
    }
    return json(alerts.saveSettings(caller, settings));
  }

  @ExceptionHandler(AlertState.IllegalAlertMove.class)
  ProblemDetail conflict(AlertState.IllegalAlertMove e) {
    var p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Conflict");
    return p;
  }

  static SettingsJson json(Settings s) {
    return new SettingsJson(Alerts.level(s.ciso()), Alerts.level(s.members()), Alerts.level(s.extra()), s.extraAddresses());
  }

  static AlertJson json(Alert a, List<Item> items) {
    var upgrades = Upgrade.of(items).stream().map(u -> new UpgradeJson(u.component(), u.from(), u.to(), u.advisories(),
        u.critical(), u.exploited(), u.dueDate())).toList();
    var findings = items.stream().map(i -> new FindingJson(i.findingId(), i.component(), i.componentVersion(), i.advisoryId(),
        i.aliases(), i.title(), i.severity().name(), i.tlp().label(), new Recommendation(i.upgradeTo(), i.workaround()),
        i.dueDate(), new Priority(i.kev(), i.epss(), i.score()))).toList();
    return new AlertJson(a.id(), a.createdAt(), a.sentAt(), a.state().name(), a.severity().name(), a.tlp().label(),
        a.projects(), a.acknowledgedAt(), a.acknowledgedBy(), a.escalatedAt(), upgrades, findings);
  }
}
