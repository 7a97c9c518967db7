package io.haetae.server.exchange.internal;

import io.haetae.server.alert.AlertAcknowledged;
import io.haetae.server.alert.AlertEscalated;
import io.haetae.server.alert.AlertSent;
import io.haetae.server.broadcast.BroadcastAcknowledged;
import io.haetae.server.domainwatch.DomainMatchFound;
import io.haetae.server.findings.FindingStateChanged;
import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoriesChanged;
import io.haetae.server.knowledge.AdvisoryCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the hub's public events to Kafka (docs/events.md), one listener per event, through the
 * event publication registry: the send waits for the broker's acknowledgement, and a broker that
 * is down fails the listener, so the publication stays open and is resent (cluster module,
 * every {@code haetae.redelivery.interval}) until the broker takes it. Consumers de-duplicate by
 * the envelope's {@code id}, the same on every resend. Messages carry ids, counts, states and
 * times; an advisory id marked above {@code haetae.kafka.max-tlp} (GREEN) is withheld, and names
 * of people and free text only go out with {@code haetae.kafka.include-people}.
 */
class Externaliser {

  private static final Logger log = LoggerFactory.getLogger(Externaliser.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int VERSION = 1;

  record Settings(String topicPrefix, Tlp maxTlp, boolean includePeople, Duration sendTimeout) {}

  /** What goes on a topic: the same envelope for every type; {@code data} per type (docs/events.md). */
  record Envelope(UUID id, String type, int version, Instant occurredAt, UUID organisationId, Map<String, Object> data) {}

  private final KafkaTemplate<String, String> kafka;
  private final AdvisoryCatalog advisories;
  private final Settings settings;

  Externaliser(KafkaTemplate<String, String> kafka, AdvisoryCatalog advisories, Settings settings) {
    this.kafka = kafka;
    this.advisories = advisories;
    this.settings = settings;
  }

  @ApplicationModuleListener
  void on(AdvisoriesChanged e) {
    send("advisories", "advisories", envelope("advisories.changed", e, null, null,
        data("analysisId", e.analysisId(), "count", e.count())));
  }

  @ApplicationModuleListener
  void on(FindingsOpened e) {
    send("findings", e.orgId().toString(), envelope("findings.opened", e, null, e.orgId(),
        data("analysisId", e.analysisId(), "count", e.count())));
  }

  @ApplicationModuleListener
  void on(FindingStateChanged e) {
    Tlp tlp = advisories.tlpOf(List.of(e.advisoryId())).getOrDefault(e.advisoryId(), Tlp.CLEAR);
    boolean shown = tlp.compareTo(settings.maxTlp()) <= 0;
    var data = data("findingId", e.findingId(), "projectId", e.projectId(),
        "advisoryId", shown ? e.advisoryId() : null, "advisoryWithheld", !shown,
        "severity", e.severity() == null ? null : e.severity().name(), "from", e.from().name(), "to", e.to().name());
    if (settings.includePeople()) {
      data.put("actor", e.actor());
      data.put("reason", e.reason());
    }
    send("findings", e.orgId().toString(), envelope("finding.state-changed", e, e.at(), e.orgId(), data));
  }

  @ApplicationModuleListener
  void on(AlertSent e) {
    send("alerts", e.orgId().toString(), envelope("alert.sent", e, e.sentAt(), e.orgId(),
        data("alertId", e.alertId(), "analysisId", e.analysisId(), "findingIds", e.findingIds())));
  }

  @ApplicationModuleListener
  void on(AlertAcknowledged e) {
    var data = data("alertId", e.alertId());
    if (settings.includePeople()) data.put("actor", e.actor());
    send("alerts", e.orgId().toString(), envelope("alert.acknowledged", e, e.at(), e.orgId(), data));
  }

  @ApplicationModuleListener
  void on(AlertEscalated e) {
    var data = data("alertId", e.alertId());
    if (settings.includePeople()) data.put("escalatedTo", e.escalatedTo());
    send("alerts", e.orgId().toString(), envelope("alert.escalated", e, e.at(), e.orgId(), data));
  }

  @ApplicationModuleListener
  void on(DomainMatchFound e) {
    send("domains", e.orgId().toString(), envelope("domain.match-found", e, null, e.orgId(),
        data("matchId", e.matchId(), "domain", e.domain(), "technique", e.technique(), "score", e.score())));
  }

  @ApplicationModuleListener
  void on(BroadcastAcknowledged e) {
    var data = data("broadcastId", e.broadcastId(), "kind", e.kind());
    if (settings.includePeople()) data.put("actor", e.actor());
    send("broadcasts", e.orgId().toString(), envelope("broadcast.acknowledged", e, e.at(), e.orgId(), data));
  }

  /**
   * The envelope of an event. Its id is derived from the event's type and values (a name-based
   * UUID), so a resend after a crash or a broker outage carries the id of the first send.
   */
  static Envelope envelope(String type, Record event, Instant occurredAt, UUID org, Map<String, Object> data) {
    UUID id = UUID.nameUUIDFromBytes((type + "|" + event).getBytes(StandardCharsets.UTF_8));
    return new Envelope(id, type, VERSION, occurredAt == null ? Instant.now() : occurredAt, org, data);
  }

  private void send(String topic, String key, Envelope envelope) {
    String name = settings.topicPrefix() + topic;
    try {
      kafka.send(name, key, JSON.writeValueAsString(envelope)).get(settings.sendTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + envelope.type() + " to " + name, e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.atWarn().addKeyValue("topic", name).addKeyValue("event", envelope.id()).addKeyValue("cause", e.getMessage())
          .log("event not externalised; resent later");
      throw new IllegalStateException("Kafka did not take " + envelope.type() + " " + envelope.id(), e);
    }
  }

  private static Map<String, Object> data(Object... pairs) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
    return map;
  }
}
