package io.haetae.server.alert.internal;

import io.haetae.server.alert.internal.WebhookRecords.Attempt;
import io.haetae.server.alert.internal.WebhookRecords.Endpoint;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.BadInputException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: the caller's organisation's webhook endpoints and every delivery
 * attempt (docs/webhooks.md). The secret is in the answer to the POST only.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookApi {

  private final Webhooks webhooks;

  WebhookApi(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  record NewWebhook(String url, String minSeverity, List<String> events) {}

  record CreatedJson(UUID id, String secret, String url, String minSeverity, List<String> events, Instant createdAt) {}

  record WebhookJson(UUID id, String url, String minSeverity, List<String> events, boolean enabled, String disabledReason,
      Instant createdAt, String createdBy) {}

  record AttemptJson(UUID webhook, String webhookId, String event, int attempt, Instant at, Integer status, String error,
      int durationMs, Instant nextAttemptAt, String messageState) {}

  @PostMapping
  ResponseEntity<CreatedJson> register(Caller caller, @RequestBody(required = false) NewWebhook body) {
    if (body == null) throw new BadInputException("request body is missing: {\"url\": \"https://...\"}");
    var created = webhooks.register(caller, body.url(), body.minSeverity(), body.events());
    Endpoint e = created.endpoint();
    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + e.id()))
        .body(new CreatedJson(e.id(), created.secret(), e.url(), e.minSeverity().name(), e.eventNames(), e.createdAt()));
  }

  @GetMapping
  List<WebhookJson> list(Caller caller) {
    return webhooks.list(caller).stream().map(WebhookApi::json).toList();
  }

  @GetMapping("/attempts")
  List<AttemptJson> allAttempts(Caller caller, @RequestParam(defaultValue = "50") int limit) {
    return webhooks.attempts(caller, null, limit(limit)).stream().map(WebhookApi::json).toList();
  }

  @GetMapping("/{id}")
  WebhookJson one(Caller caller, @PathVariable UUID id) {
    return json(webhooks.own(caller, id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
    webhooks.delete(caller, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/attempts")
  List<AttemptJson> attempts(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
    return webhooks.attempts(caller, id, limit(limit)).stream().map(WebhookApi::json).toList();
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 500) throw new BadInputException("'limit' must be between 1 and 500");
    return limit;
  }

  static WebhookJson json(Endpoint e) {
    return new WebhookJson(e.id(), e.url(), e.minSeverity().name(), e.eventNames(), e.enabled(), e.disabledReason(),
        e.createdAt(), e.createdBy());
  }

  static AttemptJson json(Attempt a) {
    return new AttemptJson(a.webhookId(), a.messageId(), a.eventType(), a.attempt(), a.at(), a.status(), a.error(),
        a.durationMs(), a.nextAttemptAt(), a.state());
  }
}
