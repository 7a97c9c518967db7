package io.haetae.server;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Tries to cross tenants on every route the application serves, as every role that is not the
 * victim's and not the national operator. Routes come from the application's own handler
 * mapping, so a route added later is attacked without editing this test. A route whose handler
 * takes a {@link Caller} holds tenant data: requests naming the victim's objects in the path must
 * be refused (403/404); every answer, on every route, must name nothing of the victim; and
 * afterwards the victim's data must be as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {

  // The victim's alert is mailed before it is stored for good: an SMTP server must answer.
  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(io.haetae.server.support.TestSmtp.setup()).withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  @Autowired io.haetae.server.knowledge.AdvisoryImporter importer;
  @Autowired io.haetae.server.disclosure.VulnerabilityReports reports;
  @Autowired io.haetae.server.broadcast.Broadcasts broadcasts;
  @Autowired io.haetae.server.domainwatch.DomainWatch domainWatch;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;

  MockMvc mvc;
  NewOrganisation victim;
  String victimSector;
  String victimProjectName;
  String victimVersion;
  String victimProject;
  String victimToken;
  String victimComponent;
  String victimVulnerability;
  String victimVex;
  List<String> victimIds;
  List<String> markers;
  Map<String, Caller> attackers = new LinkedHashMap<>();
  Caller victimsSectorOperator;

  @BeforeAll
  void victimAndAttackers() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    importer.importOsv(io.haetae.server.support.Fixtures.file("demo/advisories.jsonl"));
    io.haetae.server.support.Outbox.awaitDrained(jdbc);
    victimSector = unique("energy");
    victim = organisations.create(unique("Victim Energy"), unique("victim-ciso") + "@victim.test", victimSector,
        SizeClass.LARGE_COMPANY, Role.CISO);
    victimProjectName = unique("victim-scada");
    victimVersion = unique("v9");
    var hub = new HubClient(port);
    var put = hub.putBom(victim.apiKey(), victimProjectName, victimVersion, bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    victimToken = (String) put.getBody().get("token");
    victimProject = hub.upload(victim.apiKey(), victimProjectName, victimVersion, bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    // A finding of the victim's, by the uuids Dependency-Track clients use (analysis and VEX routes).
    @SuppressWarnings("unchecked") var finding = hub.findings(victim.apiKey(), victimProject).getFirst();
    victimComponent = (String) ((Map<String, Object>) finding.get("component")).get("uuid");
    victimVulnerability = (String) ((Map<String, Object>) finding.get("vulnerability")).get("uuid");
    String vulnId = (String) ((Map<String, Object>) finding.get("vulnerability")).get("vulnId");
    victimVex = Base64.getEncoder().encodeToString(("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", "
        + "\"vulnerabilities\": [{\"id\": \"" + vulnId + "\", \"analysis\": {\"state\": \"not_affected\", "
        + "\"justification\": \"code_not_present\"}}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    UUID victimUser = jdbc.sql("SELECT id FROM identity_user WHERE org_id = :o").param("o", victim.organisation().id())
        .query(UUID.class).single();
    UUID victimKey = jdbc.sql("SELECT id FROM identity_api_key WHERE org_id = :o").param("o", victim.organisation().id())
        .query(UUID.class).list().getFirst();
    // The victim's alert (written by the alert module after the upload's findings).
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM alert_alert WHERE org_id = :o").param("o", victim.organisation().id()).query(Long.class).single() > 0);
    UUID victimAlert = jdbc.sql("SELECT id FROM alert_alert WHERE org_id = :o").param("o", victim.organisation().id())
        .query(UUID.class).list().getFirst();
    victimIds = List.of(victimProject, victimToken, victim.organisation().id().toString(), victimUser.toString(),
        victimKey.toString(), victimReport().toString(), victimAlert.toString());
    // The project's name is left out: attackers send it themselves (lookups by name), and may
    // store it in their own data (a key named so); its version never leaves the victim.
    markers = List.of(victim.organisation().name(), victimVersion, victim.organisation().cisoEmail());

    String otherSector = unique("health");
    var other = organisations.create(unique("Attacker Health"), unique("ciso") + "@attacker.test", otherSector,
        SizeClass.SME, Role.CISO).organisation();
    var ministry = organisations.create(unique("Ministry of Health"), unique("sector-op") + "@ministry.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR).organisation();
    organisations.superviseSector(otherSector, "Health", ministry.id());
    var isac = organisations.create(unique("Energy ISAC"), unique("analyst") + "@isac.test", victimSector,
        SizeClass.ISAC, Role.ISAC_ANALYST).organisation();
    var victimsMinistryKey = organisations.create(unique("Ministry of Energy"), unique("sector-op") + "@energy-ministry.test",
        "government", SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    var victimsMinistry = victimsMinistryKey.organisation();
    organisations.superviseSector(victimSector, "Energy", victimsMinistry.id());

    attackers.put("anonymous", null);
    for (Role role : List.of(Role.CISO, Role.MEMBER, Role.REPORTER)) {
      attackers.put(role.name(), new Caller(other.id(), other.name(), role + "@attacker.test", role));
    }
    attackers.put("ISAC_ANALYST in the victim's sector",
        new Caller(isac.id(), isac.name(), "analyst@isac.test", Role.ISAC_ANALYST));
    attackers.put("SECTOR_OPERATOR of another sector",
        new Caller(ministry.id(), ministry.name(), "op@ministry.test", Role.SECTOR_OPERATOR, Set.of(otherSector)));
    io.haetae.server.support.Outbox.awaitDrained(jdbc);
    victimsSectorOperator = new Caller(victimsMinistry.id(), victimsMinistry.name(), "op@energy.test",
        Role.SECTOR_OPERATOR, Set.of(victimSector));
    // A notice the victim's ministry sent to the victim: its counts and recipient list (naming
    // the victim) belong to that ministry and the national operator; only the victim acknowledges it.
    var notice = broadcasts.send(victimsSectorOperator, new io.haetae.server.broadcast.Notice("Sector notice", "Read me.",
        io.haetae.server.broadcast.Audience.organisations(List.of(victim.organisation().id())), true));
    victimIds = new ArrayList<>(victimIds);
    victimIds.add(notice.id().toString());
    // The victim's webhook: its URL (a marker) and attempts are the victim's alone.
    String hookUrl = "https://203.0.113.10/" + unique("victim-hook");
    @SuppressWarnings("unchecked") Map<String, Object> hook = hub.http().post().uri("/api/v1/webhooks")
        .header("X-Api-Key", victim.apiKey()).contentType(MediaType.APPLICATION_JSON).body(Map.of("url", hookUrl))
        .retrieve().body(Map.class);
    victimIds.add((String) hook.get("id"));
    markers = new ArrayList<>(markers);
    markers.add(hookUrl);
    markers.add((String) hook.get("secret"));
    // A check the victim's ministry asked it, and the victim's answer (its comment names a marker).
    @SuppressWarnings("unchecked") Map<String, Object> check = hub.http().post().uri("/api/v1/checks")
        .header("X-Api-Key", victimsMinistryKey.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("title", "Sector check", "dueDate", java.time.LocalDate.now().plusDays(30).toString(),
            "scope", Map.of("sectors", List.of(victimSector)),
            "items", List.of(Map.of("kind", "QUESTION", "text", "Patched?"), Map.of("kind", "NO_KEV_OPEN"))))
        .retrieve().body(Map.class);
    victimCheck = (String) check.get("id");
    var answered = hub.http().post().uri("/api/v1/checks/" + victimCheck + "/responses").header("X-Api-Key", victim.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("answers", List.of(Map.of("item", 1, "answer", "YES", "comment", "done in " + victimVersion)), "submit", true))
        .retrieve().toBodilessEntity();
    assertThat(answered.getStatusCode().value()).isEqualTo(200);
    victimIds.add(victimCheck);
    // The victim's protected brand and a look-alike match of it: the victim's alone.
    String brand = unique("victimbrand").replace("-", "");
    hub.http().post().uri("/api/v1/domains/protected").header("X-Api-Key", victim.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("brands", List.of(brand))).retrieve().toBodilessEntity();
    domainWatch.observe(new java.io.ByteArrayInputStream((brand + "-login.com\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "isolation");
    victimIds.add(jdbc.sql("SELECT id FROM domainwatch_match WHERE org_id = :o").param("o", victim.organisation().id())
        .query(UUID.class).single().toString());
    markers.add(brand);
    // The victim's incident case (TLP:AMBER+STRICT by default): its title names a marker; a task, a
    // decision and an evidence file are the victim's, and the file's custody log must show no one else.
    @SuppressWarnings("unchecked") Map<String, Object> incident = hub.http().post().uri("/api/v1/incidents")
        .header("X-Api-Key", victim.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("title", "Grid model poisoned in " + victimVersion, "kind", "AI_SERVICE", "service", "load forecaster",
            "description", "d", "severity", "HIGH", "incidentClass", "intrusions"))
        .retrieve().body(Map.class);
    victimIncident = (String) incident.get("id");
    @SuppressWarnings("unchecked") Map<String, Object> task = hub.http().post().uri("/api/v1/incidents/" + victimIncident + "/tasks")
        .header("X-Api-Key", victim.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("title", "Restore the model", "owner", "ml team", "dueAt", "2026-12-31T18:00")).retrieve().body(Map.class);
    hub.http().post().uri("/api/v1/incidents/" + victimIncident + "/decisions").header("X-Api-Key", victim.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "Fall back to the rule-based forecast")).retrieve().toBodilessEntity();
    var evidence = new org.springframework.util.LinkedMultiValueMap<String, Object>();
    evidence.add("file", new org.springframework.core.io.ByteArrayResource(bytes("fixtures/incident/model-gateway-access.log")) {
      @Override
      public String getFilename() {
        return "gateway.log";
      }
    });
    @SuppressWarnings("unchecked") Map<String, Object> file = hub.http().post().uri("/api/v1/incidents/" + victimIncident + "/evidence")
        .header("X-Api-Key", victim.apiKey()).contentType(MediaType.MULTIPART_FORM_DATA).body(evidence).retrieve().body(Map.class);
    victimIds.addAll(List.of(victimIncident, (String) task.get("id"), (String) file.get("id")));
  }

  String victimCheck;
  String victimIncident;

  /** A vulnerability report the victim submitted (default TLP:AMBER+STRICT), its title naming a marker. */
  private UUID victimReport() {
    var ciso = new Caller(victim.organisation().id(), victim.organisation().name(), victim.organisation().cisoEmail(), Role.CISO);
    var body = tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"title\": \"Flaw in " + victimVersion
        + "\", \"description\": \"d\", \"package\": {\"purl\": \"pkg:npm/scada-lib\"}, \"affectedVersions\": \"all\"}");
    return reports.submit(ciso, io.haetae.server.disclosure.ReportSubmission.parse(body)).id();
  }

  @Test
  void noRoleOfAnotherOrganisationOrSectorReachesTheVictim() throws Exception {
    var routes = routes();
    assertThat(routes).extracting(Route::pattern)
        .contains("/api/v1/project/{uuid}", "/api/v1/reports/{id}", "/api/v1/bom", "/api/v1/audit", "/org", "/national", "/org/keys/{id}/revoke",
            "/sectors/{sector}", "/sectors/{sector}/organisations.csv", "/api/v1/oversight/summary",
            "/api/v1/oversight/exposure/{vulnerability}", "/oversight/organisations/{org}", "/exposure.csv", "/coverage.csv",
            "/api/v1/alerts/{id}", "/api/v1/alerts/{id}/acknowledge", "/alerts/{id}", "/alerts/ack/{token}",
            "/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/attempts", "/webhooks/{id}/delete",
            "/api/v1/checks/{id}", "/api/v1/checks/{id}/responses", "/checks/{id}", "/checks/{id}/answers",
            "/checks/{id}/evidence/{org}", "/api/v1/checks/{id}/organisations.csv",
            "/api/v1/domains/matches", "/api/v1/domains/matches/{id}/verdict", "/api/v1/domains/protected",
            "/api/v1/incidents", "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/tasks", "/api/v1/incidents/{id}/tasks/{task}/done",
            "/api/v1/incidents/{id}/events", "/api/v1/incidents/{id}/decisions", "/api/v1/incidents/{id}/evidence",
            "/api/v1/incidents/{id}/evidence/{evidence}", "/api/v1/incidents/{id}/links", "/api/v1/incidents/{id}/reports",
            "/api/v1/incidents/{id}/notify", "/incidents", "/incidents/{id}", "/incidents/{id}/tasks", "/incidents/{id}/decisions",
            "/incidents/{id}/evidence", "/incidents/{id}/evidence/{evidence}", "/incidents/join/{token}",
            "/api/v1/reports/{id}/transition", "/api/v1/reports/{id}/embargo", "/api/v1/reports/{id}/participants",
            "/api/v1/reports/{id}/timeline", "/api/v1/reports/{id}/comments", "/api/v1/reports/{id}/fixes",
            "/api/v1/reports/{id}/vendors", "/api/v1/reports/batch", "/api/v1/clusters", "/api/v1/clusters/{id}",
            "/api/v1/clusters/{id}/transition", "/reports", "/reports/{id}", "/reports/clusters/{id}",
            "/reports/{id}/transition", "/reports/clusters/{id}/transition",
            "/api/v1/reports/{id}/publish", "/api/v1/reports/{id}/advisory", "/api/v1/reports/{id}/cve.json",
            "/reports/{id}/publish", "/reports/{id}/cve.json", "/.well-known/csaf/provider-metadata.json",
            "/.well-known/csaf/openpgp/{name}", "/.well-known/csaf/{folder}/{name}", "/.well-known/csaf/{folder}/{year}/{name}");
    var failures = new ArrayList<String>();
    int requests = 0;
    for (var attacker : attackers.entrySet()) {
      for (Route route : routes) {
        for (Path target : route.paths(victimIds, victimSector, VICTIM_ADVISORY)) {
          String path = target.path();
          MvcResult result = mvc.perform(request(route, path, attacker.getValue())).andReturn();
          requests++;
          String problem = judge(route, target, attacker.getValue(), result);
          if (problem != null) failures.add(attacker.getKey() + " " + route.method() + " " + path + ": " + problem);
        }
      }
    }
    assertThat(failures).as("crossings out of %d requests", requests).isEmpty();
    victimIsUntouched();
  }

  @Test
  void theVictimAndItsSectorOperatorDoSeeTheObjects() throws Exception {
    // The control: the ids the attack uses are real, so refusals above are refusals, not typos.
    var owner = new Caller(victim.organisation().id(), victim.organisation().name(), "ciso@victim.test", Role.CISO);
    for (Caller allowed : List.of(owner, victimsSectorOperator)) {
      var result = mvc.perform(MockMvcRequestBuilders.get("/api/v1/project/" + victimProject).with(as(allowed))).andReturn();
      assertThat(result.getResponse().getStatus()).as(allowed.role().name()).isEqualTo(200);
      assertThat(result.getResponse().getContentAsString()).contains(victimProjectName);
    }
    var national = mvc.perform(MockMvcRequestBuilders.get("/sectors/" + victimSector).with(as(victimsSectorOperator))).andReturn();
    assertThat(national.getResponse().getContentAsString()).contains(victim.organisation().name());
    var exposure = mvc.perform(MockMvcRequestBuilders.get("/api/v1/oversight/exposure/" + VICTIM_ADVISORY)
        .with(as(victimsSectorOperator))).andReturn();
    assertThat(exposure.getResponse().getContentAsString()).contains(victim.organisation().name());
    var check = mvc.perform(MockMvcRequestBuilders.get("/api/v1/checks/" + victimCheck).with(as(victimsSectorOperator))).andReturn();
    assertThat(check.getResponse().getContentAsString()).contains(victim.organisation().name(), "done in " + victimVersion);
    var incident = mvc.perform(MockMvcRequestBuilders.get("/api/v1/incidents/" + victimIncident).with(as(owner))).andReturn();
    assertThat(incident.getResponse().getContentAsString()).contains("Grid model poisoned in " + victimVersion);
    var csv = mvc.perform(MockMvcRequestBuilders.get("/sectors/" + victimSector + "/organisations.csv")
        .with(as(victimsSectorOperator))).andReturn();
    assertThat(csv.getResponse().getContentAsString()).contains(victim.organisation().name());
  }

  private String judge(Route route, Path target, Caller attacker, MvcResult result) throws Exception {
    int status = result.getResponse().getStatus();
    String body = result.getResponse().getContentAsString() + " " + result.getResponse().getHeader("Location")
        + " " + result.getFlashMap();
    for (String marker : markers) {
      if (body.contains(marker)) return "answered " + status + " naming '" + marker + "'";
    }
    boolean namesVictimInPath = target.namesVictim();
    if (route.tenant() && namesVictimInPath && status != 403 && status != 404 && !(attacker == null && refusedAnonymous(status))) {
      return "answered " + status + " instead of 403/404";
    }
    if (route.tenant() && attacker == null && !refusedAnonymous(status)) return "anonymous answered " + status;
    return null;
  }

  /** Anonymous callers get 401 on the API and are sent to the sign-in page from pages. */
  private static boolean refusedAnonymous(int status) {
    return status == 401 || status == 302 || status == 403 || status == 404;
  }

  private void victimIsUntouched() {
    var hub = new HubClient(port);
    var project = hub.get(victim.apiKey(), "/api/v1/project/" + victimProject);
    assertThat(project.getStatusCode().value()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM inventory_component WHERE project_id = :p")
        .param("p", UUID.fromString(victimProject)).query(Long.class).single()).isEqualTo(7);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_api_key WHERE org_id = :o AND revoked_at IS NOT NULL")
        .param("o", victim.organisation().id()).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT role FROM identity_user WHERE org_id = :o").param("o", victim.organisation().id())
        .query(String.class).list()).containsExactly("CISO");
    assertThat(jdbc.sql("SELECT DISTINCT state FROM findings_finding WHERE project_id = :p")
        .param("p", UUID.fromString(victimProject)).query(String.class).list()).containsExactly("NEW");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM findings_finding WHERE project_id = :p AND suppressed = TRUE")
        .param("p", UUID.fromString(victimProject)).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM inventory_project WHERE org_id = :o").param("o", victim.organisation().id())
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT state FROM alert_alert WHERE org_id = :o").param("o", victim.organisation().id())
        .query(String.class).list()).containsOnly("SENT");
    assertThat(jdbc.sql("SELECT answer || ' ' || comment FROM checks_answer WHERE org_id = :o").param("o", victim.organisation().id())
        .query(String.class).list()).containsExactly("YES done in " + victimVersion);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM checks_scope WHERE org_id = :o AND submitted_at IS NOT NULL")
        .param("o", victim.organisation().id()).query(Long.class).single()).isEqualTo(1);
    // The victim's report: still received, nobody invited, nothing on its timeline but its submission.
    assertThat(jdbc.sql("SELECT state FROM disclosure_report WHERE origin_org = :o").param("o", victim.organisation().id())
        .query(String.class).list()).containsExactly("RECEIVED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_participant p JOIN disclosure_report r ON r.id = p.report_id "
        + "WHERE r.origin_org = :o").param("o", victim.organisation().id()).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT kind FROM disclosure_event e JOIN disclosure_report r ON r.id = e.report_id WHERE r.origin_org = :o")
        .param("o", victim.organisation().id()).query(String.class).list()).containsExactly("SUBMITTED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_advisory a JOIN disclosure_report r ON r.id = a.report_id "
        + "WHERE r.origin_org = :o").param("o", victim.organisation().id()).query(Long.class).single()).as("nobody published it").isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_webhook WHERE org_id = :o AND enabled = TRUE")
        .param("o", victim.organisation().id()).query(Long.class).single()).isEqualTo(1);
    UUID incident = UUID.fromString(victimIncident);
    assertThat(jdbc.sql("SELECT text FROM incident_decision WHERE case_id = :c").param("c", incident).query(String.class).list())
        .containsExactly("Fall back to the rule-based forecast");
    assertThat(jdbc.sql("SELECT action FROM incident_custody WHERE case_id = :c").param("c", incident).query(String.class).list())
        .as("no one but the victim touched its evidence").containsExactly("ADDED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_task WHERE case_id = :c AND done_at IS NULL").param("c", incident)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_event WHERE case_id = :c AND category NOT IN ('DETECTION', 'COMMITTEE', "
        + "'DECISION', 'EVIDENCE')").param("c", incident).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_link WHERE case_id = :c").param("c", incident).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_report WHERE case_id = :c").param("c", incident).query(Long.class).single()).isZero();
  }

  /** A request as the attacker, naming the victim's objects wherever a route takes an object. */
  private AbstractMockHttpServletRequestBuilder<?> request(Route route, String path, Caller attacker) {
    AbstractMockHttpServletRequestBuilder<?> b;
    boolean json = route.consumes().stream().anyMatch(m -> m.includes(MediaType.APPLICATION_JSON));
    boolean multipart = route.consumes().stream().anyMatch(m -> m.includes(MediaType.MULTIPART_FORM_DATA));
    if (multipart) {
      b = MockMvcRequestBuilders.multipart(HttpMethod.valueOf(route.method()), path)
          .file(new MockMultipartFile("bom", "bom.json", "application/json", bytes("demo/hanbit-energy-scada-gateway.cdx.json")))
          .file(new MockMultipartFile("vex", "vex.json", "application/json", Base64.getDecoder().decode(victimVex)));
    } else {
      b = MockMvcRequestBuilders.request(HttpMethod.valueOf(route.method()), path);
    }
    if (json) {
      b.contentType(MediaType.APPLICATION_JSON).content("{\"project\":\"" + victimProject + "\",\"projectName\":\""
          + victimProjectName + "\",\"projectVersion\":\"" + victimVersion + "\",\"autoCreate\":false,\"bom\":\""
          + Base64.getEncoder().encodeToString(bytes("demo/hanbit-energy-scada-gateway.cdx.json")) + "\",\"component\":\""
          + victimComponent + "\",\"vulnerability\":\"" + victimVulnerability
          + "\",\"analysisState\":\"NOT_AFFECTED\",\"isSuppressed\":true,\"vex\":\"" + victimVex + "\"}");
    }
    b.param("project", victimProject).param("name", victimProjectName).param("version", victimVersion)
        .param("uuid", victimProject).param("token", victimToken)
        .param("component", victimComponent).param("vulnerability", victimVulnerability).param("org", victim.organisation().id().toString())
        .param("email", victim.organisation().cisoEmail()).param("role", "MEMBER").param("code", "000000")
        .param("password", "a long enough passphrase here");
    if (attacker != null) b.with(as(attacker));
    b.with(csrf());
    return b;
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }

  /** A path to request, and whether it names one of the victim's objects (an advisory id names nobody's). */
  record Path(String path, boolean namesVictim) {}

  /** An advisory the victim's project is exposed to: "who is exposed?" must not name the victim to others. */
  static final String VICTIM_ADVISORY = "GHSA-5ww9-j83m-q7qx";

  record Route(String method, String pattern, boolean tenant, Set<MediaType> consumes) {

    /**
     * The pattern with each victim id in its variables (and the victim's sector where it takes a
     * sector, an advisory the victim is exposed to where it takes a vulnerability); the pattern
     * itself when it has none.
     */
    List<Path> paths(List<String> ids, String sector, String advisory) {
      if (!pattern.contains("{")) return List.of(new Path(pattern, false));
      var out = new ArrayList<Path>();
      if (pattern.contains("{vulnerability}")) return List.of(new Path(pattern.replace("{vulnerability}", advisory), false));
      if (pattern.contains("{sector}")) out.add(new Path(pattern.replace("{sector}", sector), true));
      ids.forEach(id -> out.add(new Path(pattern.replaceAll("\\{[^}]+}", id), true)));
      return out;
    }
  }

  private List<Route> routes() {
    var out = new ArrayList<Route>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
      HandlerMethod handler = e.getValue();
      if (!handler.getBeanType().getPackageName().startsWith("io.haetae")) continue;
      boolean tenant = java.util.Arrays.stream(handler.getMethodParameters())
          .anyMatch(p -> p.getParameterType() == Caller.class);
      var methods = e.getKey().getMethodsCondition().getMethods();
      var consumes = e.getKey().getConsumesCondition().getConsumableMediaTypes();
      for (String pattern : e.getKey().getPathPatternsCondition().getPatternValues()) {
        if (methods.isEmpty()) {
          out.add(new Route("GET", pattern, tenant, consumes));
        } else {
          methods.forEach(m -> out.add(new Route(m.name(), pattern, tenant, consumes)));
        }
      }
    }
    return out;
  }
}
