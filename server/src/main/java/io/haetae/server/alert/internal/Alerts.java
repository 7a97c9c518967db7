package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.AlertAcknowledged;
import io.haetae.server.alert.AlertEscalated;
import io.haetae.server.alert.AlertSent;
import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.alert.internal.AlertRecords.Settings;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingService;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert lifecycle: creating an alert from the findings an analysis opened, acknowledging it
 * (mail link, page, API) and escalating it. Every move is checked against {@link AlertState},
 * audited, and published as an event ({@link AlertSent}, {@link AlertAcknowledged},
 * {@link AlertEscalated}) in the same transaction.
 */
@Service
class Alerts {

  static final String SYSTEM = "haetae";

  private final AlertRepository repository;
  private final AlertComposer composer;
  private final FindingService findings;
  private final OrganisationService organisations;
  private final InventoryService inventory;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  Alerts(AlertRepository repository, AlertComposer composer, FindingService findings, OrganisationService organisations,
      InventoryService inventory, AuditLog audit, ApplicationEventPublisher events) {
    this.repository = repository;
    this.composer = composer;
    this.findings = findings;
    this.organisations = organisations;
    this.inventory = inventory;
    this.audit = audit;
    this.events = events;
  }

  /** A new alert, stored with its findings, or empty when this analysis already has one for the organisation. */
  record Created(Alert alert, List<Item> items, List<String> recipients) {}

  /**
   * Creates the alert of one analysis for one organisation (idempotent: a second call finds the
   * first's row and returns empty). The id is derived from analysis and organisation, so a
   * resend after a crash carries the same id, Message-ID and acknowledgement link.
   */
  @Transactional
  Optional<Created> create(Organisation org, UUID analysisId, Instant now) {
    List<Finding> opened = findings.openedIn(analysisId, org.id()).stream()
        .filter(f -> !f.assessment().suppressed()).toList();
    if (opened.isEmpty()) return Optional.empty();
    List<Item> items = composer.compose(opened);
    Severity worst = AlertMail.worst(items);
    boolean urgent = items.stream().anyMatch(i -> i.kev() || i.critical());
    List<String> recipients = recipients(org, worst);
    UUID id = UUID.nameUUIDFromBytes((analysisId + "." + org.id()).getBytes(StandardCharsets.UTF_8));
    var alert = new Alert(id, analysisId, org.id(), AlertState.SENT, "<" + analysisId + "." + org.id() + "@haetae>",
        worst, urgent, AlertMail.strictest(items), projectsOf(org, items), String.join(",", recipients), now, now,
        null, null, null, null);
    if (!repository.claim(alert)) return Optional.empty();
    repository.insertItems(id, items);
    audit.record(system(org), "alert.sent", org.id(), id + ": " + items.size() + " findings, " + worst
        + (urgent ? ", urgent" : "") + ", mail to " + (recipients.isEmpty() ? "nobody (inbox only)" : String.join(", ", recipients)));
    events.publishEvent(new AlertSent(id, org.id(), analysisId, now, items.stream().map(Item::findingId).toList()));
    return Optional.of(new Created(alert, items, recipients));
  }

  /** Who gets the mail of an alert this bad, by the organisation's settings. */
  List<String> recipients(Organisation org, Severity worst) {
    Settings s = settings(org.id());
    var out = new LinkedHashSet<String>();
    if (Settings.reaches(s.ciso(), worst) && org.cisoEmail() != null) out.add(org.cisoEmail());
    if (Settings.reaches(s.members(), worst)) out.addAll(organisations.emailsOf(org.id(), Set.of(Role.MEMBER)));
    if (Settings.reaches(s.extra(), worst)) out.addAll(s.extraAddresses());
    return List.copyOf(out);
  }

  Settings settings(UUID orgId) {
    return repository.settings(orgId).orElse(Settings.DEFAULT);
  }

  @Transactional
  Settings saveSettings(Caller caller, Settings settings) {
    caller.require(Capability.MANAGE_ORGANISATION);
    repository.saveSettings(caller.orgId(), settings, caller.name());
    audit.record(caller, "alert.settings", caller.orgId(), "ciso " + level(settings.ciso()) + ", members "
        + level(settings.members()) + ", extra " + level(settings.extra()) + " " + String.join(",", settings.extraAddresses()));
    return settings;
  }

  /** Reads a minimum severity: a band name or OFF; a 400 naming the field otherwise. */
  static Severity parseLevel(String value, String field) {
    if (value == null || value.isBlank()) throw new BadInputException("'" + field + "' is missing: one of OFF, CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED");
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.equals("OFF")) return null;
    for (Severity s : Severity.values()) if (s.name().equals(v)) return s;
    throw new BadInputException("'" + field + "' must be one of OFF, CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED, not '" + value + "'");
  }

  /** Reads extra addresses; a 400 naming the bad address. */
  static List<String> parseAddresses(List<String> values) {
    var out = new ArrayList<String>();
    if (values == null) return out;
    if (values.size() > 50) throw new BadInputException("'extraAddresses' may name at most 50 addresses");
    for (String raw : values) {
      if (raw == null || raw.isBlank()) continue;
      String a = raw.strip().toLowerCase(Locale.ROOT);
      if (a.length() > 320 || !a.matches("[^@\\s,<>\"]+@[^@\\s,<>\"]+\\.[^@\\s,<>\"]+")) {
        throw new BadInputException("'extraAddresses': '" + raw + "' is not an e-mail address");
      }
      if (!out.contains(a)) out.add(a);
    }
    return out;
  }

  static String level(Severity s) {
    return s == null ? "OFF" : s.name();
  }

  /** An alert of the caller's own organisation; 404 for anything else. */
  Alert own(Caller caller, UUID id) {
    return repository.find(TenantScope.own(caller), id).orElseThrow(() -> new NotFoundException("alert"));
  }

  List<Alert> page(Caller caller, int page, int size) {
    return repository.page(TenantScope.own(caller), Math.max(0, page) * size, size);
  }

  long count(Caller caller) {
    return repository.count(TenantScope.own(caller));
  }

  List<Item> items(UUID alertId) {
    return repository.items(alertId);
  }

  /** A signed-in (or API) caller acknowledges an alert of their own organisation. */
  @Transactional
  Alert acknowledge(Caller caller, UUID id, String channel) {
    caller.require(Capability.WRITE_INVENTORY);
    return acknowledge(own(caller, id), caller, caller.name(), channel);
  }

  /** The one-click link acknowledges: the token named the alert, nobody signed in. */
  @Transactional
  Alert acknowledgeByLink(UUID id) {
    Alert alert = repository.find(TenantScope.SYSTEM, id).orElseThrow(() -> new NotFoundException("alert"));
    Organisation org = organisations.find(alert.orgId()).orElseThrow(() -> new NotFoundException("alert"));
    return acknowledge(alert, system(org), "mail link (" + alert.recipients() + ")", "link");
  }

  Optional<Alert> find(UUID id) {
    return repository.find(TenantScope.SYSTEM, id);
  }

  private Alert acknowledge(Alert alert, Caller auditAs, String actor, String channel) {
    alert.state().requireMove(AlertState.ACKNOWLEDGED);
    Instant now = Instant.now();
    if (!repository.acknowledge(alert.id(), AlertState.from(AlertState.ACKNOWLEDGED), now, actor)) {
      throw new AlertState.IllegalAlertMove(AlertState.ACKNOWLEDGED, AlertState.ACKNOWLEDGED);
    }
    int moved = findings.acknowledge(repository.items(alert.id()).stream().map(Item::findingId).toList(), actor);
    audit.record(auditAs, "alert.acknowledge", alert.orgId(), alert.id() + " via " + channel + " by " + actor
        + " after " + alert.waited(now).toMinutes() + " min; " + moved + " findings acknowledged");
    events.publishEvent(new AlertAcknowledged(alert.id(), alert.orgId(), now, actor));
    return repository.find(TenantScope.SYSTEM, alert.id()).orElseThrow();
  }

  /** Marks an alert escalated to {@code contacts}; false when it was acknowledged or escalated meanwhile. */
  @Transactional
  boolean escalate(Alert alert, Organisation org, List<String> contacts, Instant now) {
    alert.state().requireMove(AlertState.ESCALATED);
    String to = String.join(",", contacts);
    if (!repository.escalate(alert.id(), AlertState.from(AlertState.ESCALATED), now, to)) return false;
    audit.record(system(org), "alert.escalate", org.id(), alert.id() + " after " + alert.waited(now).toMinutes()
        + " min unacknowledged, to " + (contacts.isEmpty() ? "nobody (no sector or national operator)" : to));
    events.publishEvent(new AlertEscalated(alert.id(), org.id(), now, to));
    return true;
  }

  /** Escalates and runs {@code then} (the mail) in the same transaction: it rolls back if {@code then} fails. */
  @Transactional
  boolean escalateAndThen(Alert alert, Organisation org, List<String> contacts, Instant now, Runnable then) {
    if (!escalate(alert, org, contacts, now)) return false;
    then.run();
    return true;
  }

  List<Alert> overdue(Instant before) {
    return repository.overdue(before, 100);
  }

  private String projectsOf(Organisation org, List<Item> items) {
    var caller = system(org);
    var names = new LinkedHashSet<String>();
    for (UUID p : items.stream().map(Item::projectId).distinct().toList()) {
      inventory.project(caller, p).map(Project::name).ifPresent(names::add);
    }
    return String.join(", ", names);
  }

  /** The hub itself, acting for one organisation (audit lines of alerts it sends). */
  private static Caller system(Organisation org) {
    return new Caller(org.id(), org.name(), SYSTEM, Role.CISO);
  }
}
