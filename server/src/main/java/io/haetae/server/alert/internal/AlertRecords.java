package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Priority;
import io.haetae.engine.advisory.Severity;
import io.haetae.server.identity.Tlp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The alert module's values: an alert, the findings it reported, and their upgrades. */
final class AlertRecords {

  private AlertRecords() {}

  /** One alert: what was sent to an organisation for one analysis, and where it stands. */
  record Alert(UUID id, UUID analysisId, UUID orgId, AlertState state, String messageId, Severity severity,
      boolean urgent, Tlp tlp, String projects, String recipients, Instant createdAt, Instant sentAt,
      Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt, String escalatedTo) {

    Alert {
      Objects.requireNonNull(state, "state");
    }

    /** How long it has waited for an acknowledgement (until it got one). */
    Duration waited(Instant now) {
      return Duration.between(sentAt, acknowledgedAt != null ? acknowledgedAt : now);
    }
  }

  /**
   * One finding as the alert reported it: the component, the vulnerability, the upgrade that
   * clears every advisory on the component ({@code upgradeTo}), the advisory's workaround, the due
   * date and the priority inputs (KEV, EPSS, CVSS).
   */
  record Item(UUID findingId, int position, UUID projectId, String componentKey, String component,
      String componentVersion, String advisoryId, List<String> aliases, String title, Severity severity, Double score,
      boolean kev, Double epss, Tlp tlp, String upgradeTo, String workaround, LocalDate dueDate) {

    Item {
      aliases = List.copyOf(aliases);
    }

    Priority priority() {
      return new Priority(kev, epss, score);
    }

    boolean critical() {
      return severity == Severity.CRITICAL;
    }
  }

  /**
   * One line a CISO acts on: "jackson-databind 2.9.8 -> 2.12.7.1 fixes 53 advisories, 3 critical,
   * 1 known exploited". {@code to} is null when no fixed version is known.
   */
  record Upgrade(String component, String from, String to, int advisories, int critical, int exploited,
      LocalDate dueDate, List<Item> items) {

    Upgrade {
      items = List.copyOf(items);
    }

    Priority priority() {
      return items.stream().map(Item::priority).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** Groups items (already in priority order) per component; the most urgent component first. */
    static List<Upgrade> of(List<Item> items) {
      var groups = new java.util.LinkedHashMap<String, List<Item>>();
      for (Item i : items) groups.computeIfAbsent(i.component() + "\u0000" + i.componentVersion(), k -> new java.util.ArrayList<>()).add(i);
      return groups.values().stream().map(g -> {
        Item first = g.getFirst();
        String to = g.stream().map(Item::upgradeTo).filter(Objects::nonNull).findFirst().orElse(null);
        LocalDate due = g.stream().map(Item::dueDate).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        long advisories = g.stream().map(Item::advisoryId).distinct().count();
        long critical = g.stream().filter(Item::critical).map(Item::advisoryId).distinct().count();
        long exploited = g.stream().filter(Item::kev).map(Item::advisoryId).distinct().count();
        return new Upgrade(first.component(), first.componentVersion(), to, (int) advisories, (int) critical,
            (int) exploited, due, g);
      }).toList();
    }
  }

  /**
   * Who gets mail at which minimum severity ({@code null}: never): the CISO, the organisation's
   * members, and extra addresses. The in-app inbox always shows every alert.
   */
  record Settings(Severity ciso, Severity members, Severity extra, List<String> extraAddresses) {

    static final Settings DEFAULT = new Settings(Severity.UNASSIGNED, null, null, List.of());

    Settings {
      extraAddresses = List.copyOf(extraAddresses);
    }

    /** Whether an alert of this (worst) severity reaches a channel with this minimum. */
    static boolean reaches(Severity minimum, Severity alert) {
      return minimum != null && alert.ordinal() <= minimum.ordinal();
    }
  }
}
