package io.haetae.server.incident;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

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
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.context.WebApplicationContext;

/**
 * Incident cases end to end (docs/incidents.md): an AI-service incident summons every member of
 * the configured committee by mail within seconds, each joins through the signed link; the case
 * keeps tasks, a timeline, append-only decisions, evidence with its SHA-256 and custody log, the
 * NIS2 reporting clocks, links; the operator notifies the organisations holding the product; bad
 * input is refused with the field named and nothing stored; other organisations see nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "haetae.incidents.evidence-limit=64KB",
    "haetae.incidents.committee[0].name=Kim Minji", "haetae.incidents.committee[0].email=minji.kim@committee.test",
    "haetae.incidents.committee[0].language=ko",
    "haetae.incidents.committee[1].name=Lee Junho", "haetae.incidents.committee[1].email=junho.lee@committee.test",
    "haetae.incidents.committee[2].name=Anna Schmidt", "haetae.incidents.committee[2].email=anna.schmidt@committee.test",
    "haetae.incidents.committee[2].language=en"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsTest {

  static final List<String> ROSTER = List.of("minji.kim@committee.test", "junho.lee@committee.test", "anna.schmidt@committee.test");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup()).withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired WebApplicationContext context;

  HubClient hub;
  MockMvc mvc;
  String sector;
  NewOrganisation aiLab;
  NewOrganisation sameSector;
  NewOrganisation outsider;
  NewOrganisation ministry;
  NewOrganisation cert;

  @BeforeAll
  void organisations() {
    hub = new HubClient(port);
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    importer.importOsv(io.haetae.server.support.Fixtures.file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    sector = unique("telecom");
    aiLab = organisations.create(unique("Hangang AI Lab"), unique("ciso") + "@ailab.test", sector, SizeClass.LARGE_COMPANY, Role.CISO);
    sameSector = organisations.create(unique("Busan Telecom"), unique("ciso") + "@busan.test", sector, SizeClass.LARGE_COMPANY, Role.CISO);
    outsider = organisations.create(unique("Seoul Hospital"), unique("ciso") + "@hospital.test", unique("health"),
        SizeClass.LARGE_COMPANY, Role.CISO);
    ministry = organisations.create(unique("Ministry of Science and ICT"), unique("op") + "@msit.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector(sector, "Telecom", ministry.organisation().id());
    cert = organisations.create(unique("KR-CERT"), unique("operator") + "@cert.test", "government", true);
  }

  @Test
  void anAiServiceIncidentSummonsEveryCommitteeMemberWithinSecondsAndEachJoinsByTheirLink() throws Exception {
    String title = unique("Chatbot leaked customer records");
    Instant opened = Instant.now();
    var response = open(aiLab, Map.of("title", title, "kind", "AI_SERVICE", "service", "Hangang Assistant (LLM chatbot)",
        "description", "Prompt injection made the assistant return other customers' order records.", "severity", "HIGH",
        "incidentClass", "information-content-security"));
    assertThat(response.getStatusCode().value()).isEqualTo(201);
    String id = (String) response.getBody().get("id");
    assertThat(response.getBody()).containsEntry("tlp", "TLP:AMBER+STRICT").containsEntry("timeZone", "Asia/Seoul");

    await().atMost(Duration.ofSeconds(10)).until(() -> mailsWith(title).size() == ROSTER.size());
    assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(mailsWith(title)).extracting(IncidentsTest::recipient).containsExactlyInAnyOrderElementsOf(ROSTER);
    MimeMessage korean = mailTo(title, "minji.kim@committee.test");
    MimeMessage english = mailTo(title, "anna.schmidt@committee.test");
    assertThat(korean.getSubject()).startsWith("[TLP:AMBER+STRICT] 사고조사·검토위원회 소집");
    assertThat(english.getSubject()).startsWith("[TLP:AMBER+STRICT] Review committee convened");
    assertThat(Mails.text(korean)).contains("Kim Minji 위원님께", "정보 콘텐츠 보안", "/incidents/join/");
    assertThat(Mails.html(english)).contains("Join the committee", "/incidents/join/");
    // Each member's link is their own: two links, two different tokens.
    String minjiLink = link(korean);
    assertThat(minjiLink).isNotEqualTo(link(english));

    // A link scanner's GET joins no one; the member's POST does, once.
    var page = mvc.perform(MockMvcRequestBuilders.get(minjiLink)).andReturn();
    assertThat(page.getResponse().getStatus()).isEqualTo(200);
    assertThat(page.getResponse().getContentAsString()).contains(title, "id=\"join\"");
    assertThat(member(id, "minji.kim@committee.test")).containsEntry("joined", false).containsEntry("summoned", true);
    var joined = mvc.perform(MockMvcRequestBuilders.post(minjiLink).with(csrf())).andReturn();
    assertThat(joined.getResponse().getContentAsString()).contains("id=\"joined\"");
    mvc.perform(MockMvcRequestBuilders.post(minjiLink).with(csrf())).andReturn();
    assertThat(member(id, "minji.kim@committee.test")).containsEntry("joined", true);
    assertThat(member(id, "anna.schmidt@committee.test")).containsEntry("joined", false);
    assertThat(timeline(id)).filteredOn(e -> e.get("category").equals("COMMITTEE")).extracting(e -> (String) e.get("text"))
        .containsExactly("review committee convened: 3 members summoned", "Kim Minji joined the review committee");
    // A forged or altered token is a plain 404.
    String forged = minjiLink.substring(0, minjiLink.length() - 3) + (minjiLink.endsWith("AAA") ? "BBB" : "AAA");
    assertThat(mvc.perform(MockMvcRequestBuilders.post(forged).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
  }

  @Test
  void aProductIncidentConvenesNoCommittee() {
    String title = unique("Router firmware backdoor");
    var response = open(aiLab, Map.of("title", title, "kind", "PRODUCT", "service", "Edge router firmware", "description", "d",
        "severity", "CRITICAL", "incidentClass", "intrusions"));
    assertThat((List<?>) response.getBody().get("members")).isEmpty();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> mailsWith(title).isEmpty());
  }

  @Test
  void theCaseKeepsTasksTimelineEvidenceWithCustodyAndTheNis2Clocks() throws Exception {
    ZoneId seoul = ZoneId.of("Asia/Seoul");
    Instant aware = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String id = id(open(aiLab, Map.of("title", unique("Model weights exfiltrated"), "kind", "PRODUCT", "service", "Model gateway",
        "description", "An API key with upload scope was used from an unknown address.", "severity", "HIGH",
        "incidentClass", "INTRUSIONS", "tlp", "AMBER", "awareAt", aware.atZone(seoul).toOffsetDateTime().toString())));

    var clocks = clocks(id);
    assertThat(clocks.get("EARLY_WARNING")).containsEntry("state", "OVERDUE")
        .containsEntry("due", aware.plus(24, ChronoUnit.HOURS).atZone(seoul).toOffsetDateTime().toString());
    assertThat(clocks.get("NOTIFICATION")).containsEntry("state", "DUE");
    assertThat(((Number) clocks.get("NOTIFICATION").get("remainingSeconds")).longValue()).isBetween(41L * 3600, 42L * 3600);
    assertThat(clocks.get("FINAL")).containsEntry("due",
        aware.plus(72, ChronoUnit.HOURS).atZone(seoul).plusMonths(1).toOffsetDateTime().toString());
    post(aiLab, "/api/v1/incidents/" + id + "/reports", Map.of("report", "EARLY_WARNING"));
    assertThat(clocks(id).get("EARLY_WARNING")).containsEntry("state", "SUBMITTED_LATE");

    var task = post(aiLab, "/api/v1/incidents/" + id + "/tasks", Map.of("title", "Rotate every gateway key", "owner",
        "platform team", "dueAt", "2026-12-06T18:00"));
    assertThat(task.getStatusCode().value()).isEqualTo(201);
    assertThat(task.getBody().get("dueAt")).isEqualTo("2026-12-06T09:00:00Z");
    var event = post(aiLab, "/api/v1/incidents/" + id + "/events", Map.of("occurredAt", "2026-12-04T15:41:07", "timeZone",
        "Europe/Berlin", "category", "detection", "source", "gateway access log", "text", "First upload with the leaked key"));
    assertThat(event.getBody()).containsEntry("occurredAt", "2026-12-04T15:41:07+01:00").containsEntry("timeZone", "Europe/Berlin");

    byte[] log = bytes("fixtures/incident/model-gateway-access.log");
    var added = upload(aiLab, id, "model-gateway-access.log", log);
    assertThat(added.getStatusCode().value()).isEqualTo(201);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(log));
    assertThat(added.getBody()).containsEntry("sha256", sha).containsEntry("size", log.length);
    String evidence = (String) added.getBody().get("id");
    var download = hub.http().get().uri("/api/v1/incidents/" + id + "/evidence/" + evidence).header("X-Api-Key", cert.apiKey())
        .retrieve().toEntity(byte[].class);
    assertThat(download.getBody()).isEqualTo(log);
    assertThat(download.getHeaders().getFirst("Digest")).isEqualTo("sha-256=" + sha);
    @SuppressWarnings("unchecked") var custody = (List<Map<String, Object>>) evidence(id).getFirst().get("custody");
    // Who: the lab's key added it, the CERT's key downloaded it (an API key's caller name is its prefix).
    assertThat(custody).extracting(c -> (String) c.get("action")).containsExactly("ADDED", "DOWNLOADED");
    assertThat(custody).extracting(c -> (String) c.get("actor")).allMatch(a -> a.startsWith("api-key ")).doesNotHaveDuplicates();
    assertThat(custody).allSatisfy(c -> assertThat(c.get("at")).isNotNull());
    // The sector's ministry reads an AMBER case and its custody log, but not the file itself.
    assertThat(hub.get(ministry.apiKey(), "/api/v1/incidents/" + id).getStatusCode().value()).isEqualTo(200);
    assertThat(hub.getText(ministry.apiKey(), "/api/v1/incidents/" + id + "/evidence/" + evidence).getStatusCode().value())
        .isEqualTo(404);
    assertThat(evidence(id).getFirst().get("custody")).asList().hasSize(2);

    var linked = post(aiLab, "/api/v1/incidents/" + id + "/links", Map.of("advisory", "GHSA-5ww9-j83m-q7qx"));
    assertThat(linked.getStatusCode().value()).isEqualTo(200);
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/links", Map.of("advisory", "GHSA-0000-0000-none"))))
        .contains("'advisory'", "GHSA-0000-0000-none");
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/links", Map.of("finding", "not-a-uuid")))).contains("'finding'");
  }

  @Test
  void decisionsAreAppendedAndNeverChanged() throws Exception {
    String id = id(open(aiLab, Map.of("title", unique("Decisions"), "kind", "PRODUCT", "service", "s", "description", "d",
        "severity", "LOW", "incidentClass", "other")));
    assertThat(post(aiLab, "/api/v1/incidents/" + id + "/decisions", Map.of("text", "Take the assistant offline")).getBody())
        .containsEntry("seq", 1);
    assertThat(post(aiLab, "/api/v1/incidents/" + id + "/decisions", Map.of("text", "Notify affected customers")).getBody())
        .containsEntry("seq", 2);
    // No route changes or removes a decision: every method but POST on the collection is refused.
    for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
      for (String path : List.of("/api/v1/incidents/" + id + "/decisions", "/api/v1/incidents/" + id + "/decisions/1")) {
        int status = hub.http().method(method).uri(path).header("X-Api-Key", aiLab.apiKey()).contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("text", "Keep the assistant online")).retrieve().toBodilessEntity().getStatusCode().value();
        assertThat(status).as(method + " " + path).isIn(404, 405);
      }
    }
    assertThat(decisions(id)).containsExactly("Take the assistant offline", "Notify affected customers");
    if (onPostgres()) {
      // The database refuses it too, even to a hand-written statement.
      assertThatThrownBy(() -> jdbc.sql("UPDATE incident_decision SET text = 'changed' WHERE case_id = :c")
          .param("c", java.util.UUID.fromString(id)).update()).hasMessageContaining("append-only");
      assertThatThrownBy(() -> jdbc.sql("DELETE FROM incident_decision WHERE case_id = :c")
          .param("c", java.util.UUID.fromString(id)).update()).hasMessageContaining("append-only");
    }
    assertThat(decisions(id)).hasSize(2);
  }

  @Test
  void noCodeChangesOrRemovesADecisionOrACustodyEntry() throws Exception {
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main"))) {
      var offending = files.filter(java.nio.file.Files::isRegularFile).filter(p -> {
        try {
          String text = java.nio.file.Files.readString(p).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
          return java.util.stream.Stream.of("incident_decision", "incident_custody").anyMatch(t -> text.contains("update " + t)
              || text.contains("delete from " + t) || text.contains("truncate " + t) || text.contains("drop table " + t));
        } catch (java.io.IOException e) {
          return false;
        }
      }).toList();
      assertThat(offending).isEmpty();
    }
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
    long cases = count("incident_case");
    long members = count("incident_member");
    Map<String, Object> good = Map.of("title", "T", "kind", "AI_SERVICE", "service", "s", "description", "d", "severity", "HIGH",
        "incidentClass", "fraud");
    assertThat(detail(open(aiLab, without(good, "title")))).contains("'title'");
    assertThat(detail(open(aiLab, with(good, "kind", "ROBOT")))).contains("'kind'", "AI_SERVICE");
    assertThat(detail(open(aiLab, with(good, "severity", "apocalyptic")))).contains("'severity'");
    assertThat(detail(open(aiLab, with(good, "incidentClass", "hacking")))).contains("'incidentClass'", "ENISA RSIT");
    assertThat(detail(open(aiLab, with(good, "tlp", "PURPLE")))).contains("'tlp'");
    assertThat(detail(open(aiLab, with(good, "timeZone", "Mars/Olympus")))).contains("'timeZone'");
    assertThat(detail(open(aiLab, with(good, "awareAt", "yesterday")))).contains("'awareAt'");
    assertThat(detail(open(aiLab, with(good, "awareAt", OffsetDateTime.now().plusDays(2).toString())))).contains("'awareAt'", "future");
    assertThat(detail(open(aiLab, with(good, "servicePurl", "not a purl")))).contains("'servicePurl'");
    assertThat(open(outsider, with(good, "organisation", aiLab.organisation().id().toString())).getStatusCode().value()).isEqualTo(403);
    assertThat(count("incident_case")).isEqualTo(cases);
    assertThat(count("incident_member")).as("no committee convened for a refused case").isEqualTo(members);

    String id = id(open(aiLab, Map.of("title", unique("Evidence limits"), "kind", "PRODUCT", "service", "s", "description", "d",
        "severity", "LOW", "incidentClass", "test")));
    long evidence = count("incident_evidence");
    long custody = count("incident_custody");
    byte[] big = new byte[65 * 1024];
    Arrays.fill(big, (byte) 'x');
    var refused = upload(aiLab, id, "disk.img", big);
    assertThat(refused.getStatusCode().value()).isEqualTo(413);
    assertThat(detail(refused)).contains("'file'", String.valueOf(big.length), "65536");
    assertThat(detail(upload(aiLab, id, "empty.txt", new byte[0]))).contains("'file'");
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/tasks", Map.of("title", "t", "owner", "o", "dueAt", "soon"))))
        .contains("'dueAt'");
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/events", Map.of("occurredAt", "2026-12-01T10:00", "category",
        "GOSSIP", "source", "s", "text", "t")))).contains("'category'");
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/decisions", Map.of("text", " ")))).contains("'text'");
    assertThat(detail(post(aiLab, "/api/v1/incidents/" + id + "/reports", Map.of("report", "INTERIM")))).contains("'report'");
    assertThat(count("incident_evidence")).isEqualTo(evidence);
    assertThat(count("incident_custody")).isEqualTo(custody);
    assertThat(decisions(id)).isEmpty();
  }

  @Test
  void onlyTheOrganisationAndWhomItsTlpAllowsSeeTheCase() {
    String strict = id(open(aiLab, Map.of("title", unique("Strict"), "kind", "PRODUCT", "service", "s", "description", "d",
        "severity", "LOW", "incidentClass", "other")));
    String green = id(open(aiLab, Map.of("title", unique("Green"), "kind", "PRODUCT", "service", "s", "description", "d",
        "severity", "LOW", "incidentClass", "other", "tlp", "GREEN")));
    for (NewOrganisation other : List.of(sameSector, outsider, ministry)) {
      assertThat(hub.get(other.apiKey(), "/api/v1/incidents/" + strict).getStatusCode().value()).isEqualTo(404);
      assertThat(ids(other)).doesNotContain(strict);
    }
    assertThat(hub.get(cert.apiKey(), "/api/v1/incidents/" + strict).getStatusCode().value()).isEqualTo(200);
    assertThat(hub.get(outsider.apiKey(), "/api/v1/incidents/" + green).getStatusCode().value()).isEqualTo(200);
    assertThat(ids(outsider)).contains(green);
    // Reading is not writing: only the organisation's CISO and the national operator add to a case.
    assertThat(post(outsider, "/api/v1/incidents/" + green + "/decisions", Map.of("text", "x")).getStatusCode().value()).isEqualTo(403);
    assertThat(post(outsider, "/api/v1/incidents/" + strict + "/decisions", Map.of("text", "x")).getStatusCode().value()).isEqualTo(404);
    assertThat(post(cert, "/api/v1/incidents/" + strict + "/decisions", Map.of("text", "Escalate to the ministry"))
        .getStatusCode().value()).isEqualTo(201);
    // The national operator opens a case for an organisation; a CISO may not open one for another.
    var forLab = open(cert, Map.of("organisation", aiLab.organisation().id().toString(), "title", unique("Opened by CERT"),
        "kind", "PRODUCT", "service", "s", "description", "d", "severity", "LOW", "incidentClass", "other"));
    assertThat(forLab.getBody()).containsEntry("organisation", aiLab.organisation().id().toString());
    assertThat(ids(aiLab)).contains(id(forLab));
  }

  @Test
  void theOperatorNotifiesEveryOrganisationHoldingTheAffectedProduct() {
    String pkg = unique("ai-guard").replace("-", "");
    String sbom = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
          {"type": "library", "name": "%s", "version": "2.1.0", "purl": "pkg:npm/%s@2.1.0"}]}
        """.formatted(pkg, pkg);
    hub.upload(sameSector.apiKey(), unique("portal"), "1", sbom.getBytes(StandardCharsets.UTF_8));
    hub.upload(outsider.apiKey(), unique("records"), "1", sbom.getBytes(StandardCharsets.UTF_8));
    String id = id(open(aiLab, Map.of("title", unique("Guardrail bypass"), "kind", "AI_SERVICE", "service", pkg,
        "servicePurl", "pkg:npm/" + pkg, "description", "d", "severity", "HIGH", "incidentClass", "vulnerable", "tlp", "GREEN")));
    assertThat(post(aiLab, "/api/v1/incidents/" + id + "/notify", Map.of("message", "m")).getStatusCode().value()).isEqualTo(403);
    String message = unique("Upgrade the guardrail package");
    var notified = post(cert, "/api/v1/incidents/" + id + "/notify", Map.of("message", message));
    assertThat(notified.getBody()).containsEntry("notified", 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsContaining(message).size() == 2);
    assertThat(mailsContaining(message)).extracting(IncidentsTest::recipient).containsExactlyInAnyOrder(
        sameSector.organisation().cisoEmail(), outsider.organisation().cisoEmail());
    assertThat(timeline(id)).extracting(e -> (String) e.get("text")).anyMatch(t -> t.startsWith("notice sent to 2 organisations"));
  }

  // ---- helpers

  private ResponseEntity<Map<String, Object>> open(NewOrganisation as, Map<String, Object> body) {
    return post(as, "/api/v1/incidents", body);
  }

  private ResponseEntity<Map<String, Object>> post(NewOrganisation as, String path, Map<String, Object> body) {
    return hub.http().post().uri(path).header("X-Api-Key", as.apiKey()).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> upload(NewOrganisation as, String id, String name, byte[] content) {
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    return hub.http().post().uri("/api/v1/incidents/" + id + "/evidence").header("X-Api-Key", as.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private static String id(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return (String) response.getBody().get("id");
  }

  private static String detail(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).isBetween(400, 499);
    return String.valueOf(response.getBody().get("detail"));
  }

  private Map<String, Object> view(String id) {
    return hub.get(cert.apiKey(), "/api/v1/incidents/" + id).getBody();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> member(String id, String email) {
    return ((List<Map<String, Object>>) view(id).get("members")).stream().filter(m -> m.get("email").equals(email)).findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> timeline(String id) {
    return (List<Map<String, Object>>) view(id).get("timeline");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> evidence(String id) {
    return (List<Map<String, Object>>) view(id).get("evidence");
  }

  @SuppressWarnings("unchecked")
  private List<String> decisions(String id) {
    return ((List<Map<String, Object>>) view(id).get("decisions")).stream().map(d -> (String) d.get("text")).toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> clocks(String id) {
    var out = new HashMap<String, Map<String, Object>>();
    ((List<Map<String, Object>>) view(id).get("clocks")).forEach(c -> out.put((String) c.get("report"), c));
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<String> ids(NewOrganisation as) {
    return hub.http().get().uri("/api/v1/incidents").header("X-Api-Key", as.apiKey()).retrieve()
        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).stream().map(m -> (String) m.get("id")).toList();
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private boolean onPostgres() throws Exception {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }
  }

  private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
    var out = new HashMap<>(body);
    out.put(key, value);
    return out;
  }

  private static Map<String, Object> without(Map<String, Object> body, String key) {
    var out = new HashMap<>(body);
    out.remove(key);
    return out;
  }

  private static List<MimeMessage> mailsWith(String title) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).contains(title)).toList();
  }

  private static List<MimeMessage> mailsContaining(String text) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> String.valueOf(Mails.text(m)).contains(text)).toList();
  }

  private static MimeMessage mailTo(String title, String email) {
    return mailsWith(title).stream().filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
  }

  private static String link(MimeMessage m) {
    var matcher = Pattern.compile("https?://[^/\\s]+(/incidents/join/[A-Za-z0-9_.-]+)").matcher(Mails.text(m));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
