package io.haetae.server.oversight;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.alert.AlertAcknowledged;
import io.haetae.server.alert.AlertSent;
import io.haetae.server.findings.FindingService;
import io.haetae.server.findings.FindingState;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "months to days" measures follow the events: the alert the upload produced, acknowledged
 * through the API, gives one time to acknowledge; a finding fixed gives one time to fix, both
 * within the hour; a redelivered alert later changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MonthsToDaysTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired FindingService findings;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;

  @Test
  @SuppressWarnings("unchecked")
  void alertAcknowledgementAndFixAreMeasuredFromTheNotification() {
    var hub = new HubClient(port);
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    String sector = unique("water");
    NewOrganisation water = organisations.create(unique("Water Co"), unique("ciso") + "@water.test", sector, false);
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    hub.upload(water.apiKey(), "pumps", "1.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    Outbox.awaitDrained(jdbc);
    UUID org = water.organisation().id();
    List<UUID> ids = jdbc.sql("SELECT id FROM findings_finding WHERE org_id = :o ORDER BY id").param("o", org)
        .query(UUID.class).list();
    var before = summary(hub, cert, sector);
    long openBefore = open(before);

    // The upload's own alert, as the alert module sent it: not acknowledged yet.
    UUID alert = jdbc.sql("SELECT id FROM alert_alert WHERE org_id = :o").param("o", org).query(UUID.class).single();
    assertThat(((Number) before.get("notAcknowledged")).longValue()).isEqualTo(1);

    var acknowledged = hub.http().post().uri("/api/v1/alerts/{id}/acknowledge", alert).header("X-Api-Key", water.apiKey())
        .retrieve().toBodilessEntity();
    assertThat(acknowledged.getStatusCode().value()).isEqualTo(200);
    var ciso = new Caller(org, water.organisation().name(), water.organisation().cisoEmail(), Role.CISO);
    findings.move(ciso, ids.getFirst(), FindingState.FIXED, "upgraded");
    Outbox.awaitDrained(jdbc);
    // The same alert again, an hour later: the first notification stays the one measured from.
    tx.executeWithoutResult(s -> events.publishEvent(
        new AlertSent(alert, org, UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1)), ids)));
    Outbox.awaitDrained(jdbc);

    var after = summary(hub, cert, sector);
    assertThat(((Number) after.get("notAcknowledged")).longValue()).isZero();
    assertThat(open(after)).isEqualTo(openBefore - 1);
    var ack = (Map<String, Number>) after.get("timeToAcknowledge");
    assertThat(ack.get("count").longValue()).isEqualTo(1);
    assertThat(ack.get("median").longValue()).isBetween(0L, 3600L);
    var fix = (Map<String, Number>) after.get("timeToFix");
    assertThat(fix.get("count").longValue()).isEqualTo(1);
    assertThat(fix.get("median").longValue()).isBetween(0L, 3600L);
    assertThat(fix.get("p90").longValue()).isBetween(fix.get("median").longValue(), 3600L);

    var bad = hub.getText(cert.apiKey(), "/api/v1/oversight/summary?sector=" + sector + "&from=2026-13-01");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody()).contains("'from'", "2026-13-01");
  }

  @SuppressWarnings("unchecked")
  private static long open(Map<String, Object> summary) {
    return ((Map<String, Number>) summary.get("openBySeverity")).values().stream().mapToLong(Number::longValue).sum();
  }

  private static Map<String, Object> summary(HubClient hub, NewOrganisation cert, String sector) {
    var res = hub.get(cert.apiKey(), "/api/v1/oversight/summary?sector=" + sector);
    assertThat(res.getStatusCode().value()).isEqualTo(200);
    return res.getBody();
  }
}
