package io.haetae.server.oversight;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.findings.FindingsOpened;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rooms read their own projection: after an SBOM upload the national summary counts the
 * organisation's open findings (severity columns add up to the total), a redelivered event
 * counts nothing twice, a rebuild gives the same figures, and a ministry sees only its sectors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SituationRoomsTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;

  HubClient hub;
  NewOrganisation energy;
  NewOrganisation cert;
  NewOrganisation healthMinistry;
  String sector;
  UUID analysis;

  @BeforeAll
  void setUp() {
    hub = new HubClient(port);
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    sector = unique("energy");
    energy = organisations.create(unique("Energy Co"), unique("ciso") + "@energy.test", sector, false);
    cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    String health = unique("health");
    healthMinistry = organisations.create(unique("Ministry of Health"), unique("op") + "@health.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector(health, "Health", healthMinistry.organisation().id());
    hub.upload(energy.apiKey(), "scada-gateway", "4.2.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    Outbox.awaitDrained(jdbc);
    analysis = jdbc.sql("SELECT analysis_id FROM findings_finding WHERE org_id = :o LIMIT 1")
        .param("o", energy.organisation().id()).query(UUID.class).single();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sectorRow(Map<String, Object> summary) {
    return ((List<Map<String, Object>>) summary.get("bySector")).stream()
        .filter(r -> sector.equals(r.get("sector"))).findFirst().orElseThrow();
  }

  private Map<String, Object> summary() {
    return hub.get(cert.apiKey(), "/api/v1/oversight/summary?sector=" + sector).getBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void summaryCountsTheOpenFindingsAndTheColumnsAddUp() {
    var summary = summary();
    long open = jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE org_id = :o AND state IN ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS')")
        .param("o", energy.organisation().id()).query(Long.class).single();
    assertThat(open).isPositive();
    var bySeverity = (Map<String, Number>) summary.get("openBySeverity");
    assertThat(bySeverity.values().stream().mapToLong(Number::longValue).sum()).isEqualTo(open);
    assertThat(bySeverity).containsKeys("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNASSIGNED");
    assertThat(((Number) summary.get("organisations")).longValue()).isEqualTo(1);
    assertThat(summary).containsKeys("kevOpen", "overdue", "notAcknowledged", "slaCompliance", "timeToNotify",
        "timeToAcknowledge", "timeToFix");
    assertThat((Map<String, Object>) summary.get("timeToFix")).containsKeys("median", "p90");
    assertThat(sectorRow(summary).get("openBySeverity")).isEqualTo(bySeverity);
  }

  @Test
  void aRedeliveredEventCountsNothingTwiceAndARebuildGivesTheSameFigures() {
    var before = summary();
    tx.executeWithoutResult(s -> events.publishEvent(new FindingsOpened(analysis, energy.organisation().id(), 3)));
    Outbox.awaitDrained(jdbc);
    assertThat(summary().get("openBySeverity")).isEqualTo(before.get("openBySeverity"));

    var rebuilt = hub.http().post().uri("/api/v1/oversight/rebuild").header("X-Api-Key", cert.apiKey()).retrieve().toBodilessEntity();
    assertThat(rebuilt.getStatusCode().value()).isEqualTo(204);
    var after = summary();
    assertThat(after.get("openBySeverity")).isEqualTo(before.get("openBySeverity"));
    assertThat(after.get("organisations")).isEqualTo(before.get("organisations"));
  }

  @Test
  void aMinistrySeesNeitherAnotherSectorNorItsOrganisations() {
    var other = hub.get(healthMinistry.apiKey(), "/api/v1/oversight/summary?sector=" + sector);
    assertThat(other.getStatusCode().value()).isEqualTo(404);
    var own = hub.getText(healthMinistry.apiKey(), "/api/v1/oversight/summary");
    assertThat(own.getBody()).doesNotContain(sector);
    var exposure = hub.getText(healthMinistry.apiKey(), "/api/v1/oversight/exposure/GHSA-5ww9-j83m-q7qx");
    assertThat(exposure.getBody()).doesNotContain(energy.organisation().name());
  }

  @Test
  void whoIsExposedAnswersByAnyAlias() {
    var byGhsa = hub.getText(cert.apiKey(), "/api/v1/oversight/exposure/GHSA-5ww9-j83m-q7qx").getBody();
    var byCve = hub.getText(cert.apiKey(), "/api/v1/oversight/exposure/CVE-2019-12086").getBody();
    assertThat(byGhsa).contains(energy.organisation().name(), "jackson-databind", "2.9.8", energy.organisation().cisoEmail());
    assertThat(byCve).contains(energy.organisation().name(), "jackson-databind");
  }
}
