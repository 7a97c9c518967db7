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
 * The "months to days" measures follow the events: an alert sent two hours ago and acknowledged
 * an hour later gives a time to acknowledge in the one-to-two-hour bucket, a finding fixed now
 * a time to fix in the two-to-three-hour bucket, and a redelivered alert changes nothing.
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

    UUID alert = UUID.randomUUID();
    Instant sent = Instant.now().minus(Duration.ofMinutes(150));
    tx.executeWithoutResult(s -> events.publishEvent(new AlertSent(alert, org, UUID.randomUUID(), sent, ids)));
    Outbox.awaitDrained(jdbc);
    assertThat(((Number) summary(hub, cert, sector).get("notAcknowledged")).longValue()).isEqualTo(1);

    tx.executeWithoutResult(s -> events.publishEvent(new AlertAcknowledged(alert, org, sent.plus(Duration.ofMinutes(90)), "ciso")));
    var ciso = new Caller(org, water.organisation().name(), water.organisation().cisoEmail(), Role.CISO);
    findings.move(ciso, ids.getFirst(), FindingState.FIXED, "upgraded");
    Outbox.awaitDrained(jdbc);
    // The same alert again, later: the first notification stays the one measured from.
    tx.executeWithoutResult(s -> events.publishEvent(new AlertSent(alert, org, UUID.randomUUID(), Instant.now(), ids)));
    Outbox.awaitDrained(jdbc);

    var after = summary(hub, cert, sector);
    assertThat(((Number) after.get("notAcknowledged")).longValue()).isZero();
    assertThat(open(after)).isEqualTo(openBefore - 1);
    var ack = (Map<String, Number>) after.get("timeToAcknowledge");
    assertThat(ack.get("count").longValue()).isEqualTo(1);
    assertThat(ack.get("median").longValue()).isBetween(3600L, 7200L);
    var fix = (Map<String, Number>) after.get("timeToFix");
    assertThat(fix.get("count").longValue()).isEqualTo(1);
    assertThat(fix.get("median").longValue()).isBetween(7200L, 10800L);
    assertThat(fix.get("p90").longValue()).isBetween(fix.get("median").longValue(), 10800L);

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
