package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The webhook channel's data: endpoints, the messages queued for them, and each delivery attempt. */
final class WebhookRecords {

  private WebhookRecords() {}

  /** What a webhook can be told; the wire name is the Standard Webhooks {@code type}. */
  enum EventType {
    ALERT_SENT("alert.sent"),
    ALERT_ACKNOWLEDGED("alert.acknowledged"),
    ALERT_ESCALATED("alert.escalated"),
    FINDING_STATE_CHANGED("finding.state_changed"),
    DOMAIN_MATCH_FOUND("domain.match_found");

    final String wire;

    EventType(String wire) {
      this.wire = wire;
    }

    static EventType of(String wire) {
      for (EventType t : values()) if (t.wire.equals(wire)) return t;
      throw new IllegalArgumentException(wire);
    }

    static String names() {
      return Arrays.stream(values()).map(t -> t.wire).collect(Collectors.joining(", "));
    }

    static Set<EventType> parse(String csv) {
      var out = EnumSet.noneOf(EventType.class);
      for (String s : csv.split(",")) if (!s.isBlank()) out.add(of(s.strip().toLowerCase(Locale.ROOT)));
      return out;
    }

    static String join(Set<EventType> types) {
      return types.stream().map(t -> t.wire).collect(Collectors.joining(","));
    }
  }

  /** A registered receiver of one organisation; {@code minSeverity} filters alerts and findings. */
  record Endpoint(UUID id, UUID orgId, String url, String secret, Severity minSeverity, Set<EventType> events,
      boolean enabled, String disabledReason, Instant createdAt, String createdBy) {

    Endpoint {
      events = Set.copyOf(events);
    }

    boolean wants(EventType type, Severity severity) {
      return enabled && events.contains(type) && (severity == null || severity.ordinal() <= minSeverity.ordinal());
    }

    List<String> eventNames() {
      return events.stream().sorted().map(t -> t.wire).toList();
    }
  }

  /** A queued delivery: the body is fixed when queued; the signature is made per attempt. */
  record Message(String id, UUID webhookId, UUID orgId, String eventType, String payload, int attempts, String url,
      String secret, boolean enabled) {}

  /** One try to deliver a message, as the organisation sees it. */
  record Attempt(String messageId, int attempt, UUID webhookId, String eventType, Instant at, Integer status, String error,
      int durationMs, Instant nextAttemptAt, String state) {}
}
