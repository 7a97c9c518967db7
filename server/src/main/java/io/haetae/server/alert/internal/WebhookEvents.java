package io.haetae.server.alert.internal;

import io.haetae.server.alert.AlertAcknowledged;
import io.haetae.server.alert.AlertEscalated;
import io.haetae.server.alert.AlertSent;
import io.haetae.server.alert.internal.AlertRecords.Alert;
import io.haetae.server.alert.internal.WebhookRecords.EventType;
import io.haetae.server.findings.FindingStateChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the hub's events into webhook messages. Each listener runs after its event's commit, in
 * its own transaction, with the event held in the publication registry until the messages are
 * queued: an event is never lost, and a redelivered one queues nothing twice (message ids come
 * from the event). Alerts are filtered by their worst severity, findings by theirs.
 */
@Component
class WebhookEvents {

  private final Webhooks webhooks;
  private final Alerts alerts;

  WebhookEvents(Webhooks webhooks, Alerts alerts) {
    this.webhooks = webhooks;
    this.alerts = alerts;
  }

  @ApplicationModuleListener
  void on(AlertSent event) {
    alerts.find(event.alertId()).ifPresent(alert -> webhooks.enqueue(alert.orgId(), EventType.ALERT_SENT,
        alert.id().toString(), alert.severity(), event.sentAt(), Webhooks.alertData(alert, alerts.items(alert.id()))));
  }

  @ApplicationModuleListener
  void on(AlertAcknowledged event) {
    alerts.find(event.alertId()).ifPresent(alert -> {
      var data = state(alert);
      data.put("acknowledgedAt", event.at().toString());
      data.put("acknowledgedBy", event.actor());
      webhooks.enqueue(alert.orgId(), EventType.ALERT_ACKNOWLEDGED, alert.id().toString(), alert.severity(), event.at(), data);
    });
  }

  @ApplicationModuleListener
  void on(AlertEscalated event) {
    alerts.find(event.alertId()).ifPresent(alert -> {
      // Who it was escalated to (people of a ministry) is not the organisation's to receive.
      var data = state(alert);
      data.put("escalatedAt", event.at().toString());
      webhooks.enqueue(alert.orgId(), EventType.ALERT_ESCALATED, alert.id().toString(), alert.severity(), event.at(), data);
    });
  }

  @ApplicationModuleListener
  void on(FindingStateChanged event) {
    var data = new LinkedHashMap<String, Object>();
    data.put("organisation", event.orgId().toString());
    data.put("finding", event.findingId().toString());
    data.put("project", event.projectId() == null ? null : event.projectId().toString());
    data.put("vulnerability", event.advisoryId());
    data.put("severity", event.severity() == null ? null : event.severity().name());
    data.put("from", event.from() == null ? null : event.from().name());
    data.put("to", event.to().name());
    data.put("at", event.at().toString());
    data.put("actor", event.actor());
    data.put("reason", event.reason());
    webhooks.enqueue(event.orgId(), EventType.FINDING_STATE_CHANGED,
        event.findingId() + "|" + event.to() + "|" + event.at().toEpochMilli(), event.severity(), event.at(), data);
  }

  private static Map<String, Object> state(Alert alert) {
    var data = new LinkedHashMap<String, Object>();
    data.put("organisation", alert.orgId().toString());
    data.put("alert", alert.id().toString());
    data.put("state", alert.state().name());
    data.put("severity", alert.severity().name());
    data.put("tlp", alert.tlp().label());
    return data;
  }
}
