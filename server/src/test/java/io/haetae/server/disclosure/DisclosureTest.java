package io.haetae.server.disclosure;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.Fixtures;
import io.haetae.server.support.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coordinated disclosure as docs/disclosure.md tells it: analysts move reports through the
 * Vultron states (an illegal move is a 409 naming the allowed ones), set an embargo in the
 * agency's time zone, invite the vendor, who comments and attaches a fix on the timeline the
 * reporter reads too; a mass disclosure is stored all or nothing and clustered, and a cluster
 * is triaged at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureTest {

  /** Invited organisations are mailed (CaseMailTest reads those mails); here they only need somewhere to go. */
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup()).withPerMethodLifecycle(false);

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  @Autowired io.haetae.server.knowledge.AdvisoryImporter importer;

  MockMvc mvc;
  Caller reporter;
  Caller vendor;
  Caller stranger;
  Caller operator;
  Caller analyst;
  Organisation vendorOrg;
  Organisation isacOrg;

  @BeforeAll
  void organisations() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    Organisation lab = organisations.create(unique("Research Lab"), unique("ciso") + "@lab.test", unique("research"),
        SizeClass.SME, Role.CISO).organisation();
    vendorOrg = organisations.create(unique("Libfoo Vendor"), unique("ciso") + "@vendor.test", unique("software"),
        SizeClass.SME, Role.CISO).organisation();
    Organisation other = organisations.create(unique("Other Co"), unique("ciso") + "@other.test", unique("retail"),
        SizeClass.SME, Role.CISO).organisation();
    isacOrg = organisations.create(unique("Software ISAC"), unique("analyst") + "@isac.test", unique("software"),
        SizeClass.ISAC, Role.ISAC_ANALYST).organisation();
    Organisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true).organisation();
    reporter = new Caller(lab.id(), lab.name(), unique("reporter") + "@lab.test", Role.REPORTER);
    vendor = new Caller(vendorOrg.id(), vendorOrg.name(), unique("ciso") + "@vendor.test", Role.CISO);
    stranger = new Caller(other.id(), other.name(), unique("ciso") + "@other.test", Role.CISO);
    operator = new Caller(cert.id(), cert.name(), unique("op") + "@cert.test", Role.OPERATOR);
    analyst = new Caller(isacOrg.id(), isacOrg.name(), unique("analyst") + "@isac.test", Role.ISAC_ANALYST);
  }

  /** The invitation mails of the last test are sent before the mail server stops. */
  @AfterAll
  void mailsSent() {
    io.haetae.server.support.Outbox.awaitDrained(jdbc);
  }

  @Test
  void anAnalystMovesAReportAndAnIllegalMoveIs409NamingTheAllowedOnes() throws Exception {
    String id = submit(reporter, unique("libfoo"), "all");
    var valid = send(operator, "/api/v1/reports/" + id + "/transition", "{\"state\": \"valid\", \"comment\": \"Reproduced.\"}");
    assertThat(valid.getStatus()).as(valid.getContentAsString()).isEqualTo(200);
    assertThat(json(valid).path("state").asString()).isEqualTo("VALID");

    var illegal = send(operator, "/api/v1/reports/" + id + "/transition", "{\"state\": \"CLOSED\"}");
    assertThat(illegal.getStatus()).isEqualTo(409);
    assertThat(illegal.getContentAsString()).contains("is VALID and cannot move to CLOSED", "allowed: [ACCEPTED, DEFERRED]");
    assertThat(state(id)).isEqualTo("VALID");

    var unknown = send(operator, "/api/v1/reports/" + id + "/transition", "{\"state\": \"PUBLISHED\"}");
    assertThat(unknown.getStatus()).isEqualTo(400);
    assertThat(unknown.getContentAsString()).contains("'/state' must be one of");

    assertThat(send(reporter, "/api/v1/reports/" + id + "/transition", "{\"state\": \"ACCEPTED\"}").getStatus()).isEqualTo(403);
    assertThat(send(stranger, "/api/v1/reports/" + id + "/transition", "{\"state\": \"ACCEPTED\"}").getStatus()).isEqualTo(404);
    // An ISAC analyst triages only cases its ISAC was made coordinator of.
    assertThat(send(analyst, "/api/v1/reports/" + id + "/transition", "{\"state\": \"ACCEPTED\"}").getStatus()).isEqualTo(404);
    assertThat(send(operator, "/api/v1/reports/" + id + "/participants",
        "{\"organisation\": \"" + isacOrg.id() + "\", \"role\": \"COORDINATOR\"}").getStatus()).isEqualTo(201);
    assertThat(send(analyst, "/api/v1/reports/" + id + "/transition", "{\"state\": \"ACCEPTED\"}").getStatus()).isEqualTo(200);
    assertThat(state(id)).isEqualTo("ACCEPTED");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'report.transition' AND target LIKE :t")
        .param("t", "report " + id + "%").query(Long.class).single()).isEqualTo(2);
    var timeline = json(read(reporter, "/api/v1/reports/" + id + "/timeline"));
    assertThat(timeline.findValuesAsString("kind")).containsExactly("SUBMITTED", "MOVED", "INVITED", "MOVED");
    assertThat(timeline.get(1).path("text").asString()).isEqualTo("Reproduced.");
  }

  @Test
  void anEmbargoEndsInTheAgencysTimeZone() throws Exception {
    String id = submit(reporter, unique("libfoo"), "all");
    var proposed = send(operator, "/api/v1/reports/" + id + "/embargo", "{\"state\": \"PROPOSED\", \"endsAt\": \"2030-01-15T09:00\"}");
    assertThat(proposed.getStatus()).as(proposed.getContentAsString()).isEqualTo(200);
    assertThat(json(proposed).path("endsAt").asString()).isEqualTo("2030-01-15T09:00+09:00");
    assertThat(json(proposed).path("timeZone").asString()).isEqualTo("Asia/Seoul");

    var exited = send(operator, "/api/v1/reports/" + id + "/embargo", "{\"state\": \"EXITED\"}");
    assertThat(exited.getStatus()).isEqualTo(409);
    assertThat(exited.getContentAsString()).contains("allowed: [ACTIVE, NONE]");
    var past = send(operator, "/api/v1/reports/" + id + "/embargo", "{\"state\": \"ACTIVE\", \"endsAt\": \"2020-01-01\"}");
    assertThat(past.getStatus()).isEqualTo(400);
    assertThat(past.getContentAsString()).contains("'/endsAt' must be in the future");
    assertThat(send(operator, "/api/v1/reports/" + id + "/embargo", "{\"state\": \"ACTIVE\"}").getStatus()).isEqualTo(200);
    var report = json(read(reporter, "/api/v1/reports/" + id));
    assertThat(report.path("embargo").path("state").asString()).isEqualTo("ACTIVE");
    assertThat(report.path("embargo").path("endsAt").asString()).isEqualTo("2030-01-15T09:00+09:00");
  }

  @Test
  void anInvitedVendorCommentsAndAttachesAFixOnTheTimelineTheReporterReads() throws Exception {
    String id = submit(reporter, unique("libfoo"), "all");
    assertThat(read(vendor, "/api/v1/reports/" + id).getStatus()).isEqualTo(404);
    var invited = send(operator, "/api/v1/reports/" + id + "/participants", "{\"organisation\": \"" + vendorOrg.id() + "\"}");
    assertThat(invited.getStatus()).as(invited.getContentAsString()).isEqualTo(201);
    assertThat(invited.getContentAsString()).contains("VENDOR", "TLP:AMBER+STRICT");

    assertThat(read(vendor, "/api/v1/reports/" + id).getStatus()).isEqualTo(200);
    assertThat(read(vendor, "/api/v1/reports").getContentAsString()).contains(id);
    assertThat(send(vendor, "/api/v1/reports/" + id + "/comments", "{\"text\": \"Confirmed, patch coming.\"}").getStatus()).isEqualTo(201);
    var oversized = send(vendor, "/api/v1/reports/" + id + "/fixes", "{\"patch\": \"" + "x".repeat(210 * 1024) + "\"}");
    assertThat(oversized.getStatus()).isEqualTo(400);
    assertThat(oversized.getContentAsString()).contains("'/patch' is larger than 200 KB");
    var fix = send(vendor, "/api/v1/reports/" + id + "/fixes",
        "{\"version\": \"1.2.1\", \"url\": \"https://example.org/libfoo/commit/abc\", \"patch\": \"--- a\\n+++ b\\n\"}");
    assertThat(fix.getStatus()).as(fix.getContentAsString()).isEqualTo(201);
    assertThat(send(vendor, "/api/v1/reports/" + id + "/transition", "{\"state\": \"VALID\"}").getStatus()).isEqualTo(403);
    assertThat(send(stranger, "/api/v1/reports/" + id + "/comments", "{\"text\": \"hi\"}").getStatus()).isEqualTo(404);

    for (Caller who : List.of(reporter, vendor, operator)) {
      var timeline = json(read(who, "/api/v1/reports/" + id + "/timeline"));
      assertThat(timeline.findValuesAsString("kind")).as(who.role().name()).containsExactly("SUBMITTED", "INVITED", "COMMENT", "FIX");
      assertThat(timeline.get(3).path("detail").asString()).contains("1.2.1", "patchSha256");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action IN ('report.invite', 'report.comment', 'report.fix') AND target LIKE :t")
        .param("t", "report " + id + "%").query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void aMassDisclosureIsClusteredAndTriagedAsOneCluster() throws Exception {
    String pkg = unique("massfoo");
    var batch = post(reporter, "/api/v1/reports/batch", fixture("fixtures/disclosure/mass.jsonl", pkg), "application/x-ndjson");
    assertThat(batch.getStatus()).as(batch.getContentAsString()).isEqualTo(201);
    var rows = json(batch).path("reports");
    assertThat(rows.size()).isEqualTo(5);
    String first = rows.get(0).path("id").asString();
    assertThat(rows.get(0).path("duplicateOf").isNull()).isTrue();
    assertThat(rows.get(1).path("duplicateOf").asString()).isEqualTo(first);
    assertThat(rows.get(2).path("duplicateOf").asString()).isEqualTo(first);
    for (int i = 0; i < 3; i++) assertThat(rows.get(i).path("clusterId").asString()).isEqualTo(first);
    assertThat(rows.get(3).path("clusterId").asString()).isEqualTo(rows.get(3).path("id").asString());
    assertThat(rows.get(4).path("clusterId").asString()).isEqualTo(rows.get(4).path("id").asString());
    assertThat(json(read(reporter, "/api/v1/reports/" + rows.get(2).path("id").asString())).path("clusterId").asString()).isEqualTo(first);

    // The clusters, ranked: the path traversal (PoC, automatable, total) above the overflow (automatable, total, no exploit).
    var clusters = json(read(operator, "/api/v1/clusters"));
    var mine = new ArrayList<JsonNode>();
    clusters.forEach(c -> { if (c.path("package").path("name").asString().equals(pkg)) mine.add(c); });
    assertThat(mine).extracting(c -> c.path("size").asInt()).containsExactly(1, 3, 1);
    assertThat(mine.get(0).path("ssvc").path("exploitation").asString()).isEqualTo("POC");
    assertThat(mine.get(0).path("ssvc").path("priority").asString()).isEqualTo("OUT_OF_CYCLE");
    assertThat(mine.get(1).path("ssvc").path("priority").asString()).isEqualTo("SCHEDULED");
    assertThat(read(reporter, "/api/v1/clusters").getStatus()).isEqualTo(403);

    // One report of the cluster found invalid first; the cluster then moves as one.
    assertThat(send(operator, "/api/v1/reports/" + rows.get(1).path("id").asString() + "/transition", "{\"state\": \"INVALID\"}")
        .getStatus()).isEqualTo(200);
    var moved = send(operator, "/api/v1/clusters/" + first + "/transition", "{\"state\": \"VALID\", \"comment\": \"One bug.\"}");
    assertThat(moved.getStatus()).as(moved.getContentAsString()).isEqualTo(200);
    for (int i = 0; i < 3; i++) assertThat(state(rows.get(i).path("id").asString())).isEqualTo("VALID");
    var refused = send(operator, "/api/v1/clusters/" + first + "/transition", "{\"state\": \"CLOSED\"}");
    assertThat(refused.getStatus()).isEqualTo(409);
    assertThat(json(refused).path("refusals").size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) assertThat(state(rows.get(i).path("id").asString())).isEqualTo("VALID");
  }

  @Test
  void aBatchWithOneBadLineStoresNothingAndNamesTheLine() throws Exception {
    String pkg = unique("badfoo");
    long before = jdbc.sql("SELECT COUNT(*) FROM disclosure_report").query(Long.class).single();
    var refused = post(reporter, "/api/v1/reports/batch", fixture("fixtures/disclosure/bad.jsonl", pkg), "application/x-ndjson");
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString()).contains("line 3: '/package/name' is missing");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_report").query(Long.class).single()).isEqualTo(before);
    assertThat(post(reporter, "/api/v1/reports/batch", "", "application/x-ndjson").getContentAsString()).contains("no reports");
    assertThat(post(reporter, "/api/v1/reports/batch", "[{\"title\": 1}]", "application/json").getContentAsString())
        .contains("report 0: '/title' must be a string");
  }

  @Test
  void aVersionThePackageNeverHadIsFlaggedAsProbablyFabricated() throws Exception {
    importer.importOsv(Fixtures.file("fixtures/disclosure/versions-advisory.json"));
    String real = submit(reporter, "haetae-fabrication-fixture", "[{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"1.2.0\"}]}]");
    String made = submit(reporter, "haetae-fabrication-fixture", "\"versions 1.4.0 to 7.7.7\"");
    assertThat(json(read(operator, "/api/v1/reports/" + real)).has("probablyFabricated")).isFalse();
    var flagged = json(read(operator, "/api/v1/reports/" + made));
    assertThat(flagged.path("probablyFabricated").asString()).contains("version 7.7.7 is newer than every version the hub knows")
        .doesNotContain("1.4.0 ");
    // The reporter is not told what the hub suspects.
    assertThat(json(read(reporter, "/api/v1/reports/" + made)).has("probablyFabricated")).isFalse();
  }

  private String submit(Caller who, String pkg, String affected) throws Exception {
    String body = "{\"title\": \"" + unique("Flaw") + "\", \"description\": \"A flaw " + unique("x") + ".\", "
        + "\"package\": {\"ecosystem\": \"npm\", \"name\": \"" + pkg + "\"}, \"affectedVersions\": " + (affected.equals("all") ? "\"all\"" : affected) + "}";
    var created = post(who, "/api/v1/reports", body, MediaType.APPLICATION_JSON_VALUE);
    assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
    return json(created).path("id").asString();
  }

  private String fixture(String resource, String pkg) {
    return new String(Fixtures.bytes(resource), StandardCharsets.UTF_8).replace("PKG", pkg);
  }

  private String state(String id) {
    return jdbc.sql("SELECT state FROM disclosure_report WHERE id = :id").param("id", java.util.UUID.fromString(id)).query(String.class).single();
  }

  private MockHttpServletResponse send(Caller caller, String path, String json) throws Exception {
    return post(caller, path, json, MediaType.APPLICATION_JSON_VALUE);
  }

  private MockHttpServletResponse post(Caller caller, String path, String body, String type) throws Exception {
    return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(as(caller))
        .contentType(type).content(body)).andReturn().getResponse();
  }

  private MockHttpServletResponse read(Caller caller, String path) throws Exception {
    return mvc.perform(get(path).with(as(caller))).andReturn().getResponse();
  }

  private static JsonNode json(MockHttpServletResponse r) throws Exception {
    return JSON.readTree(r.getContentAsString());
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
