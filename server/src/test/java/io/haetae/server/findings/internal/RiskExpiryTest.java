package io.haetae.server.findings.internal;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static io.haetae.server.support.Fixtures.urllib3Advisory;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.findings.FindingService;
import io.haetae.server.findings.FindingState;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** An accepted risk lasts until its expiry day; the day after, the finding is NEW again, by the hub. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RiskExpiryTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired io.haetae.server.knowledge.AdvisoryImporter importer;
  @Autowired FindingService findings;
  @Autowired RiskExpiry expiry;
  @Autowired FindingRepository repository;
  @Autowired JdbcClient jdbc;

  @Test
  void anExpiredRiskAcceptanceReopensTheFinding() throws Exception {
    var hub = new HubClient(port);
    NewOrganisation org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    var ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    String id = unique("KR-CERT-2026");
    importer.importOsv(urllib3Advisory(id));
    UUID project = UUID.fromString(hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json")));
    var f = findings.openOfProject(ciso, project).stream().filter(x -> x.advisoryId().equals(id)).findFirst().orElseThrow();
    var today = findings.today();

    findings.acceptRisk(ciso, f.id(), "compensating WAF rule", today);

    assertThat(expiry.reopenExpired(today)).isZero();
    assertThat(findings.find(ciso, f.id()).orElseThrow().state()).isEqualTo(FindingState.RISK_ACCEPTED);
    assertThat(expiry.reopenExpired(today.plusDays(1))).isGreaterThanOrEqualTo(1);
    var reopened = findings.find(ciso, f.id()).orElseThrow();
    assertThat(reopened.state()).isEqualTo(FindingState.NEW);
    assertThat(reopened.assessment().riskReason()).isNull();
    assertThat(repository.trail(f.id())).last().satisfies(t -> {
      assertThat(t.from()).isEqualTo(FindingState.RISK_ACCEPTED);
      assertThat(t.actor()).isEqualTo("system");
      assertThat(t.reason()).contains("expired on " + today);
    });
    Outbox.awaitDrained(jdbc);
  }
}
