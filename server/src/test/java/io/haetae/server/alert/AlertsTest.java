package io.haetae.server.alert;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
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
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Alerts end to end: an SBOM upload opens findings, the organisation gets one alert (a record in
 * its inbox and API, and a multipart mail to the recipients its settings name), and the alert is
 * acknowledged by the mail's one-click link, on its page, or through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsTest {

  private static final Pattern ACK_LINK = Pattern.compile("/alerts/ack/([A-Za-z0-9_.\\-]+)");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;
  @Autowired WebApplicationContext context;

  HubClient hub;
  MockMvc mvc;

  @BeforeAll
  void advisories() {
    importer.importOsv(file("demo/advisories.jsonl"));
    importer.importOsv(file("fixtures/osv/PYSEC-2021-108.json"));
    Outbox.awaitDrained(jdbc);
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAlertGivesOneUpgradePerComponentAndEachFindingItsRecommendationDueDateAndPriority() {
    var org = organisationWithAlert();

    var page = hub.get(org.apiKey(), "/api/v1/alerts").getBody();
    assertThat(((Number) page.get("total")).intValue()).isEqualTo(1);
    var alert = ((List<Map<String, Object>>) page.get("alerts")).getFirst();
    assertThat(alert).containsKeys("id", "createdAt", "state", "findings", "upgrades").containsEntry("state", "SENT")
        .containsEntry("severity", "CRITICAL");
    var findings = (List<Map<String, Object>>) alert.get("findings");
    assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f)
        .containsKeys("component", "vulnerability", "recommendation", "dueDate", "priority"));
    assertThat(findings).filteredOn(f -> f.get("component").equals("com.fasterxml.jackson.core:jackson-databind"))
        .isNotEmpty().allSatisfy(f -> {
          assertThat((Map<String, Object>) f.get("recommendation")).containsEntry("upgradeTo", "2.12.7.1");
          assertThat(f.get("dueDate")).isNotNull();
          assertThat((Map<String, Object>) f.get("priority")).containsKeys("kev", "epss", "cvss");
        });
    var upgrades = (List<Map<String, Object>>) alert.get("upgrades");
    assertThat(upgrades).filteredOn(u -> u.get("component").equals("com.fasterxml.jackson.core:jackson-databind"))
        .singleElement().satisfies(u -> assertThat(u).containsEntry("from", "2.9.8").containsEntry("to", "2.12.7.1"));
    // Most urgent first: the first finding is the worst.
    assertThat(findings.getFirst()).containsEntry("severity", "CRITICAL");

    var one = hub.get(org.apiKey(), "/api/v1/alerts/" + alert.get("id")).getBody();
    assertThat(one).containsEntry("id", alert.get("id"));
    assertThat(audit(org, "alert.sent")).isEqualTo(1);
  }

  @Test
  void theMailIsMultipartInKoreanWithTheUpgradesFirstAndAStableMessageId() throws Exception {
    var org = organisationWithAlert();

    MimeMessage message = mailTo(org.organisation().cisoEmail());
    String text = Mails.text(message);
    assertThat(message.getContentType()).startsWith("multipart/");
    assertThat(Mails.html(message)).contains("<html", "jackson-databind 2.9.8 -&gt; 2.12.7.1");
    assertThat(text).contains("업그레이드 (긴급한 순)", "jackson-databind 2.9.8 -> 2.12.7.1", "프로젝트: ");
    assertThat(text.indexOf("업그레이드 (긴급한 순)")).isLessThan(text.indexOf("GHSA-"));
    assertThat(message.getMessageID()).matches("<[0-9a-f-]{36}\\." + org.organisation().id() + "@haetae>");
    assertThat(message.getSubject()).contains(org.organisation().name());
  }

  @Test
  void theOneClickLinkShowsAConfirmationAndOnlyItsPostAcknowledges() throws Exception {
    var org = organisationWithAlert();
    String token = ackToken(mailTo(org.organisation().cisoEmail()));
    // The mail leaves before the alert's transaction commits (a crash in between resends it with
    // the same Message-ID); the link answers once the commit is done.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "SENT".equals(state(org)));

    // Mail scanners fetch links: the GET only asks.
    var confirm = mvc.perform(get("/alerts/ack/" + token)).andReturn().getResponse();
    assertThat(confirm.getStatus()).isEqualTo(200);
    assertThat(confirm.getContentAsString()).contains("<form", "acknowledge", org.organisation().name());
    assertThat(state(org)).isEqualTo("SENT");

    var done = mvc.perform(post("/alerts/ack/" + token).with(csrf())).andReturn().getResponse();
    assertThat(done.getStatus()).isEqualTo(200);
    assertThat(done.getContentAsString()).contains("id=\"acknowledged\"");
    assertThat(state(org)).isEqualTo("ACKNOWLEDGED");
    assertThat(audit(org, "alert.acknowledge")).isEqualTo(1);
    // The alert's findings moved from NEW to ACKNOWLEDGED (FindingService.acknowledge).
    assertThat(jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE org_id = :o AND state = 'NEW'")
        .param("o", org.organisation().id()).query(Long.class).single()).isZero();

    var again = mvc.perform(post("/alerts/ack/" + token).with(csrf())).andReturn().getResponse();
    assertThat(again.getContentAsString()).doesNotContain("id=\"acknowledged\"");
    assertThat(audit(org, "alert.acknowledge")).isEqualTo(1);
  }

  @Test
  void aForgedOrTruncatedLinkAcknowledgesNothing() throws Exception {
    var org = organisationWithAlert();
    String token = ackToken(mailTo(org.organisation().cisoEmail()));

    for (String bad : List.of(token.substring(0, token.length() - 2), "x" + token, UUID.randomUUID().toString())) {
      assertThat(mvc.perform(get("/alerts/ack/" + bad)).andReturn().getResponse().getStatus()).isEqualTo(404);
      assertThat(mvc.perform(post("/alerts/ack/" + bad).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
    assertThat(state(org)).isEqualTo("SENT");
  }

  @Test
  void theApiAcknowledgesOnceThenAnswersConflictAndMembersMayNot() {
    var org = organisationWithAlert();
    String id = alertId(org);
    String member = organisations.issueKey(ciso(org), "reader", Role.MEMBER);

    assertThat(postJson(member, "/api/v1/alerts/" + id + "/acknowledge", null).getStatusCode().value()).isEqualTo(403);
    var first = postJson(org.apiKey(), "/api/v1/alerts/" + id + "/acknowledge", null);
    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(first.getBody()).containsEntry("state", "ACKNOWLEDGED").containsKey("acknowledgedAt");
    var second = postJson(org.apiKey(), "/api/v1/alerts/" + id + "/acknowledge", null);
    assertThat(second.getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void thePageListsTheAlertAndItsButtonAcknowledgesInKoreanOrEnglish() throws Exception {
    var org = organisationWithAlert();
    String id = alertId(org);
    var as = as(ciso(org));

    String inbox = mvc.perform(get("/alerts").with(as)).andReturn().getResponse().getContentAsString();
    assertThat(inbox).contains("/alerts/" + id, "발송됨");
    String page = mvc.perform(get("/alerts/" + id).with(as)).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("2.12.7.1", "id=\"acknowledge\"", "table-wrap");

    var posted = mvc.perform(post("/alerts/" + id + "/acknowledge").with(as).with(csrf())).andReturn().getResponse();
    assertThat(posted.getStatus()).isEqualTo(302);
    String after = mvc.perform(get("/alerts/" + id).param("lang", "en").with(as)).andReturn().getResponse().getContentAsString();
    assertThat(after).contains("Acknowledged").doesNotContain("id=\"acknowledge\"");
    assertThat(state(org)).isEqualTo("ACKNOWLEDGED");
  }

  @Test
  void anotherOrganisationsAlertIsNotFound() throws Exception {
    var victim = organisationWithAlert();
    var other = organisations.create(unique("Other"), unique("ciso") + "@other.test", "health", false);
    String id = alertId(victim);

    assertThat(hub.get(other.apiKey(), "/api/v1/alerts/" + id).getStatusCode().value()).isEqualTo(404);
    assertThat(postJson(other.apiKey(), "/api/v1/alerts/" + id + "/acknowledge", null).getStatusCode().value()).isEqualTo(404);
    assertThat(mvc.perform(get("/alerts/" + id).with(as(ciso(other)))).andReturn().getResponse().getStatus()).isEqualTo(404);
    assertThat(((Number) hub.get(other.apiKey(), "/api/v1/alerts").getBody().get("total")).intValue()).isZero();
    assertThat(state(victim)).isEqualTo("SENT");
  }

  @Test
  @SuppressWarnings("unchecked")
  void mailGoesToWhomTheSettingsNamePerSeverityAndTheInboxAlwaysHasTheAlert() throws Exception {
    var org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    String soc = unique("soc") + "@bank.test";
    var saved = putJson(org.apiKey(), "/api/v1/alerts/settings",
        Map.of("ciso", "CRITICAL", "members", "OFF", "extra", "UNASSIGNED", "extraAddresses", List.of(soc)));
    assertThat(saved.getStatusCode().value()).isEqualTo(200);
    assertThat(saved.getBody()).containsEntry("ciso", "CRITICAL").containsEntry("extraAddresses", List.of(soc));

    // urllib3 1.26.4 (PYSEC-2021-108, unscored): below the CISO's minimum, within the SOC's.
    hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(soc) == 1);
    assertThat(messagesTo(org.organisation().cisoEmail())).isZero();
    assertThat(((Number) hub.get(org.apiKey(), "/api/v1/alerts").getBody().get("total")).intValue()).isEqualTo(1);

    // A critical alert reaches both.
    hub.upload(org.apiKey(), unique("scada"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(org.organisation().cisoEmail()) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(soc) == 2);
    var alerts = (List<Map<String, Object>>) hub.get(org.apiKey(), "/api/v1/alerts").getBody().get("alerts");
    // The urllib3 alert's severity is whatever the best public record of its CVE says (another
    // test may have imported one): below critical, in any case.
    assertThat(alerts).extracting(a -> a.get("severity")).first().isEqualTo("CRITICAL");
    assertThat(alerts).extracting(a -> a.get("severity")).last().isNotEqualTo("CRITICAL");
    assertThat(audit(org, "alert.settings")).isEqualTo(1);
  }

  @Test
  void badSettingsAndPagingAre400sNamingTheFieldAndStoreNothing() {
    var org = organisations.create(unique("Shop"), unique("ciso") + "@shop.test", "retail", false);

    var level = putJson(org.apiKey(), "/api/v1/alerts/settings", Map.of("ciso", "SEVERE", "members", "OFF"));
    assertThat(level.getStatusCode().value()).isEqualTo(400);
    assertThat((String) level.getBody().get("detail")).contains("'ciso'", "SEVERE");
    var address = putJson(org.apiKey(), "/api/v1/alerts/settings",
        Map.of("ciso", "HIGH", "members", "OFF", "extra", "HIGH", "extraAddresses", List.of("not-an-address")));
    assertThat(address.getStatusCode().value()).isEqualTo(400);
    assertThat((String) address.getBody().get("detail")).contains("'extraAddresses'", "not-an-address");
    var notJson = hub.http().put().uri("/api/v1/alerts/settings").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body("{ciso").retrieve().toEntity(String.class);
    assertThat(notJson.getStatusCode().value()).isEqualTo(400);
    assertThat(hub.get(org.apiKey(), "/api/v1/alerts?size=0").getStatusCode().value()).isEqualTo(400);
    assertThat((String) hub.get(org.apiKey(), "/api/v1/alerts?size=0").getBody().get("detail")).contains("'size'");
    assertThat(hub.get(org.apiKey(), "/api/v1/alerts/not-a-uuid").getStatusCode().value()).isEqualTo(400);

    assertThat(hub.get(org.apiKey(), "/api/v1/alerts/settings").getBody())
        .containsEntry("ciso", "UNASSIGNED").containsEntry("members", "OFF");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_setting WHERE org_id = :o").param("o", org.organisation().id())
        .query(Long.class).single()).isZero();
  }

  @Test
  void theSettingsPageIsTheCisosAndRefusesBadInputWith400() throws Exception {
    var org = organisations.create(unique("Port"), unique("ciso") + "@port.test", "transport", false);
    var member = new Caller(org.organisation().id(), org.organisation().name(), "m@port.test", Role.MEMBER);

    assertThat(mvc.perform(get("/alerts/settings").with(as(ciso(org)))).andReturn().getResponse().getContentAsString())
        .contains("name=\"ciso\"", "name=\"extraAddresses\"");
    assertThat(mvc.perform(get("/alerts/settings").with(as(member))).andReturn().getResponse().getStatus()).isEqualTo(403);
    var bad = mvc.perform(post("/alerts/settings").with(as(ciso(org))).with(csrf()).param("ciso", "HIGH")
        .param("members", "OFF").param("extra", "LOW").param("extraAddresses", "nobody")).andReturn().getResponse();
    assertThat(bad.getStatus()).isEqualTo(400);
    assertThat(bad.getContentAsString()).contains("extraAddresses");
    var good = mvc.perform(post("/alerts/settings").with(as(ciso(org))).with(csrf()).param("ciso", "HIGH")
        .param("members", "CRITICAL").param("extra", "OFF").param("extraAddresses", "")).andReturn().getResponse();
    assertThat(good.getStatus()).isEqualTo(302);
    assertThat(hub.get(org.apiKey(), "/api/v1/alerts/settings").getBody()).containsEntry("ciso", "HIGH")
        .containsEntry("members", "CRITICAL");
  }

  private NewOrganisation organisationWithAlert() {
    var org = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", "energy", false);
    hub.upload(org.apiKey(), unique("scada-gateway"), "4.2.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(org.organisation().cisoEmail()) == 1);
    // The mail leaves before the alert's transaction commits (a failed mail rolls the alert back).
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM alert_alert WHERE org_id = :o")
        .param("o", org.organisation().id()).query(Long.class).single() == 1);
    return org;
  }

  @SuppressWarnings("unchecked")
  private String alertId(NewOrganisation org) {
    var alerts = (List<Map<String, Object>>) hub.get(org.apiKey(), "/api/v1/alerts").getBody().get("alerts");
    return (String) alerts.getFirst().get("id");
  }

  private String state(NewOrganisation org) {
    return jdbc.sql("SELECT state FROM alert_alert WHERE org_id = :o").param("o", org.organisation().id())
        .query(String.class).single();
  }

  private long audit(NewOrganisation org, String action) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE org_id = :o AND action = :a")
        .param("o", org.organisation().id()).param("a", action).query(Long.class).single();
  }

  private static String ackToken(MimeMessage message) {
    var m = ACK_LINK.matcher(Mails.text(message));
    assertThat(m.find()).as("acknowledgement link in the mail").isTrue();
    return m.group(1);
  }

  private static Caller ciso(NewOrganisation org) {
    return new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }

  private ResponseEntity<Map<String, Object>> postJson(String key, String path, Object body) {
    var spec = hub.http().post().uri(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON);
    if (body != null) spec = spec.body(body);
    return spec.retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> putJson(String key, String path, Object body) {
    return hub.http().put().uri(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private static MimeMessage mailTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, address)).findFirst().orElseThrow();
  }

  /** Distinct mails naming the address (GreenMail keeps one copy per recipient of a message). */
  private static long messagesTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, address)).map(AlertsTest::messageId).distinct().count();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean sentTo(MimeMessage m, String address) {
    try {
      return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
