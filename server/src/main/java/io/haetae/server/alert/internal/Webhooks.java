package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.WebhookRecords.Attempt;
import io.haetae.server.alert.internal.WebhookRecords.Endpoint;
import io.haetae.server.alert.internal.WebhookRecords.EventType;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook endpoints of an organisation and the messages queued for them (docs/webhooks.md).
 * A message's id (the {@code webhook-id} header) is derived from the event and the endpoint:
 * a redelivered event queues nothing twice and every retry carries the same id.
 */
@Service
class Webhooks {

  static final int MAX_ENDPOINTS = 10;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebhookRepository repository;
  private final WebhookTargets targets;
  private final AuditLog audit;
  private final WebhookSender sender;

  Webhooks(WebhookRepository repository, WebhookTargets targets, AuditLog audit, WebhookSender sender) {
    this.repository = repository;
    this.targets = targets;
    this.audit = audit;
    this.sender = sender;
  }

  /** A new endpoint and its secret; the secret is shown to the caller this once. */
  record Created(Endpoint endpoint, String secret) {}

  @Transactional
  Created register(Caller caller, String url, String minSeverity, List<String> events) {
    caller.require(Capability.MANAGE_ORGANISATION);
    var uri = targets.parse(url);
    Severity min = minSeverity == null || minSeverity.isBlank() ? Severity.UNASSIGNED : parseSeverity(minSeverity);
    Set<EventType> types = parseEvents(events);
    if (repository.endpoints(caller.orgId()).size() >= MAX_ENDPOINTS) {
      throw new BadInputException("an organisation may register at most " + MAX_ENDPOINTS + " webhooks; delete one first");
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    var endpoint = new Endpoint(UUID.randomUUID(), caller.orgId(), uri.toString(), secret, min, types, true, null,
        Instant.now(), caller.name());
    repository.insert(endpoint);
    audit.record(caller, "webhook.register", caller.orgId(), endpoint.id() + " " + endpoint.url() + " events "
        + EventType.join(types) + " from " + min);
    return new Created(endpoint, secret);
  }

  List<Endpoint> list(Caller caller) {
    caller.require(Capability.READ_INVENTORY);
    return repository.endpoints(caller.orgId());
  }

  Endpoint own(Caller caller, UUID id) {
    caller.require(Capability.READ_INVENTORY);
    return repository.endpoint(caller.orgId(), id).orElseThrow(() -> new NotFoundException("webhook"));
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    caller.require(Capability.MANAGE_ORGANISATION);
    Endpoint e = repository.endpoint(caller.orgId(), id).orElseThrow(() -> new NotFoundException("webhook"));
    repository.delete(caller.orgId(), id);
    audit.record(caller, "webhook.delete", caller.orgId(), id + " " + e.url());
  }

  List<Attempt> attempts(Caller caller, UUID webhookId, int limit) {
    caller.require(Capability.READ_INVENTORY);
    if (webhookId != null) own(caller, webhookId);
    return repository.attempts(caller.orgId(), webhookId, limit);
  }

  /**
   * Queues an event for every endpoint of the organisation that wants it, in the caller's
   * transaction (an event listener's); the sender is woken after the commit.
   */
  int enqueue(UUID orgId, EventType type, String eventKey, Severity severity, Instant at, Map<String, Object> data) {
    int queued = 0;
    for (Endpoint e : repository.endpoints(orgId)) {
      if (!e.wants(type, severity)) continue;
      var body = new LinkedHashMap<String, Object>();
      body.put("type", type.wire);
      body.put("timestamp", at.toString());
      body.put("data", data);
      String id = "msg_" + UUID.nameUUIDFromBytes((type.wire + "|" + eventKey + "|" + e.id()).getBytes(StandardCharsets.UTF_8))
          .toString().replace("-", "");
      if (repository.enqueue(id, e.id(), orgId, type, JSON.writeValueAsString(body), Instant.now())) queued++;
    }
    if (queued > 0) wakeAfterCommit();
    return queued;
  }

  /** The alert as GET /api/v1/alerts/{id} answers it: the receiver needs no second call. */
  static Map<String, Object> alertData(Alert alert, List<AlertRecords.Item> items) {
    var data = new LinkedHashMap<String, Object>();
    data.put("organisation", alert.orgId().toString());
    data.put("alert", JSON.convertValue(AlertApi.json(alert, items), Map.class));
    return data;
  }

  private void wakeAfterCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      sender.wake();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        sender.wake();
      }
    });
  }

  private static Severity parseSeverity(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    for (Severity s : Severity.values()) if (s.name().equals(v)) return s;
    throw new BadInputException("'minSeverity' must be one of CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED, not '" + value + "'");
  }

  private static Set<EventType> parseEvents(List<String> events) {
    if (events == null || events.isEmpty()) return EnumSet.allOf(EventType.class);
    var out = EnumSet.noneOf(EventType.class);
    for (String raw : events) {
      try {
        out.add(EventType.of(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("'events' names '" + raw + "'; known events: " + EventType.names());
      }
    }
    return out;
  }
}
