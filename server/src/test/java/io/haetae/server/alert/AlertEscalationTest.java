package io.haetae.server.alert;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Mails;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * An urgent alert (critical or KEV) left unacknowledged for {@code haetae.alert.escalate-after}
 * (2 seconds here) is escalated once: to the sector operators of the ministry supervising the
 * organisation's sector, or to the national operators when the organisation has none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"haetae.alert.escalate-after=PT2S", "haetae.alert.escalation-check=PT0.5S"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertEscalationTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;

  HubClient hub;

  @BeforeAll
  void advisories() {
    importer.importOsv(file("demo/advisories.jsonl"));
    importer.importOsv(file("fixtures/osv/PYSEC-2021-108.json"));
    Outbox.awaitDrained(jdbc);
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnacknowledgedCriticalAlertGoesOnceToTheSectorsOperatorsAndStaysAcknowledgeable() throws Exception {
    String sector = unique("water");
    var ministry = organisations.create(unique("Ministry of Environment"), unique("sector-op") + "@me.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector(sector, "Water", ministry.organisation().id());
    var org = organisations.create(unique("Water Works"), unique("ciso") + "@water.test", sector, SizeClass.LARGE_COMPANY,
        Role.CISO);

    hub.upload(org.apiKey(), unique("scada"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    String operator = ministry.organisation().cisoEmail();
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(operator) == 1);
    MimeMessage escalation = mailTo(operator);
    String alertId = alertId(org);
    assertThat(escalation.getSubject()).contains(org.organisation().name());
    assertThat(Mails.text(escalation)).contains(org.organisation().name(), "/alerts/" + alertId, "확인 대기 시간: 0시간 0분")
        .contains("jackson-databind");
    var alert = hub.get(org.apiKey(), "/api/v1/alerts/" + alertId).getBody();
    assertThat(alert).containsEntry("state", "ESCALATED").containsKey("escalatedAt");
    assertThat(jdbc.sql("SELECT escalated_to FROM alert_alert WHERE id = CAST(:id AS UUID)").param("id", alertId)
        .query(String.class).single()).isEqualTo(operator);
    assertThat(audit(org, "alert.escalate")).isEqualTo(1);

    // Once: later checks find it escalated already.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> messagesTo(operator) == 1);
    assertThat(audit(org, "alert.escalate")).isEqualTo(1);

    var acknowledged = hub.http().post().uri("/api/v1/alerts/" + alertId + "/acknowledge").header("X-Api-Key", org.apiKey())
        .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(acknowledged.getBody()).containsEntry("state", "ACKNOWLEDGED");
    assertThat(messagesTo(org.organisation().cisoEmail())).isEqualTo(1);
  }

  @Test
  void anOrganisationWithoutASectorIsEscalatedToTheNationalOperators() throws Exception {
    var national = organisations.create(unique("KR-CERT"), unique("operator") + "@cert.test", null, true);
    jdbc.sql("UPDATE identity_organisation SET language = 'en' WHERE id = :id").param("id", national.organisation().id()).update();
    var org = organisations.create(unique("Startup"), unique("ciso") + "@startup.test", null, SizeClass.SME, Role.CISO);

    hub.upload(org.apiKey(), unique("app"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(national.organisation().cisoEmail()) == 1);
    // In the national operator's language (English here), as HTML and plain text.
    MimeMessage escalation = mailTo(national.organisation().cisoEmail());
    assertThat(escalation.getSubject()).contains(org.organisation().name()).startsWith("[Haetae] Escalation");
    String alertId = alertId(org);
    assertThat(Mails.text(escalation)).contains("Waiting for acknowledgement: 0h 0m", "Worst finding: [Critical]");
    assertThat(Mails.html(escalation)).contains("href=\"http", "/alerts/" + alertId + "\"", "Open the alert");
  }

  @Test
  void anAlertWithoutKevOrCriticalFindingsIsNotEscalated() {
    var ministry = organisations.create(unique("Ministry of Finance"), unique("sector-op") + "@mof.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    String sector = unique("finance");
    organisations.superviseSector(sector, "Finance", ministry.organisation().id());
    var org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", sector, SizeClass.LARGE_COMPANY, Role.CISO);

    hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(org.organisation().cisoEmail()) == 1);

    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
        .until(() -> messagesTo(ministry.organisation().cisoEmail()) == 0);
    assertThat(hub.get(org.apiKey(), "/api/v1/alerts/" + alertId(org)).getBody()).containsEntry("state", "SENT");
  }

  @SuppressWarnings("unchecked")
  private String alertId(NewOrganisation org) {
    var alerts = (List<Map<String, Object>>) hub.get(org.apiKey(), "/api/v1/alerts").getBody().get("alerts");
    return (String) alerts.getFirst().get("id");
  }

  private long audit(NewOrganisation org, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE org_id = :o AND action = :a")
        .param("o", org.organisation().id()).param("a", action).query(Long.class).single();
  }

  private static MimeMessage mailTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, address)).findFirst().orElseThrow();
  }

  /** Distinct mails naming the address (GreenMail keeps one copy per recipient of a message). */
  private static long messagesTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, address)).map(m -> {
      try {
        return m.getMessageID();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).distinct().count();
  }

  private static boolean sentTo(MimeMessage m, String address) {
    try {
      return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
