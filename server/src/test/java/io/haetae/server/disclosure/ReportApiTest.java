package io.haetae.server.disclosure;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

/**
 * {@code /api/v1/reports}: a reporter submits, the national operator and the reporter's own
 * organisation read it, another organisation gets a 404 that names nothing, bad input a 400
 * naming the field, and a read-only member a 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest {

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;

  MockMvc mvc;
  Caller reporter;
  Caller member;
  Caller operator;
  Caller foreignCiso;
  String title;

  @BeforeAll
  void organisations() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    Organisation lab = organisations.create(unique("Research Lab"), unique("ciso") + "@lab.test", unique("research"),
        SizeClass.SME, Role.CISO).organisation();
    Organisation other = organisations.create(unique("Other Co"), unique("ciso") + "@other.test", unique("retail"),
        SizeClass.SME, Role.CISO).organisation();
    Organisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true).organisation();
    reporter = new Caller(lab.id(), lab.name(), unique("reporter") + "@lab.test", Role.REPORTER);
    member = new Caller(lab.id(), lab.name(), unique("member") + "@lab.test", Role.MEMBER);
    foreignCiso = new Caller(other.id(), other.name(), unique("ciso") + "@other.test", Role.CISO);
    operator = new Caller(cert.id(), cert.name(), unique("op") + "@cert.test", Role.OPERATOR);
    title = unique("Heap overflow in libfoo");
  }

  @Test
  void aReporterSubmitsAndTheOperatorAndItsOwnOrganisationReadIt() throws Exception {
    var created = submit(reporter, body(title, "\"package\": {\"purl\": \"pkg:npm/libfoo@1.0.0\"}"));
    assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
    String id = id(created);
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/reports/" + id);
    assertThat(created.getContentAsString()).contains("TLP:AMBER+STRICT", "RECEIVED");

    var read = read(operator, "/api/v1/reports/" + id);
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(read.getContentAsString()).contains(title, "\"ecosystem\":\"npm\"", "\"name\":\"libfoo\"", "RECEIVED",
        reporter.name(), reporter.orgId().toString(), "\"introduced\":\"0\"", "https://example.org/advisory");
    assertThat(read(operator, "/api/v1/reports").getContentAsString()).contains(id);
    assertThat(read(member, "/api/v1/reports/" + id).getStatus()).isEqualTo(200);
    assertThat(read(reporter, "/api/v1/reports").getContentAsString()).contains(id);
    assertThat(audited("report.submit", "report " + id)).isEqualTo(1);
  }

  @Test
  void anotherOrganisationGetsA404NamingNothing() throws Exception {
    String id = id(submit(reporter, body(title, "\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"libfoo\"}")));
    var refused = read(foreignCiso, "/api/v1/reports/" + id);
    assertThat(refused.getStatus()).isEqualTo(404);
    // The problem's "instance" repeats the path the caller sent; nothing else may name the report.
    assertThat(refused.getContentAsString().replace("/api/v1/reports/" + id, ""))
        .doesNotContain(id, reporter.orgName(), reporter.name(), "libfoo", "AMBER");
    assertThat(read(foreignCiso, "/api/v1/reports").getContentAsString()).doesNotContain(id, title);
    assertThat(audited("access.refused", "report " + id)).isEqualTo(1);
    // The same answer as for a report that does not exist.
    var missing = read(foreignCiso, "/api/v1/reports/" + java.util.UUID.randomUUID());
    assertThat(missing.getContentAsString().replaceAll("\"instance\":\"[^\"]*\"", ""))
        .isEqualTo(refused.getContentAsString().replaceAll("\"instance\":\"[^\"]*\"", ""));
  }

  @Test
  void aGreenReportIsReadByTheWholeCommunity() throws Exception {
    var created = submit(foreignCiso, body(title, "\"package\": {\"purl\": \"pkg:maven/org.example/libbar\"}, \"tlp\": \"green\""));
    assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
    var read = read(reporter, "/api/v1/reports/" + id(created));
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(read.getContentAsString()).contains("\"ecosystem\":\"Maven\"", "\"name\":\"org.example:libbar\"", "TLP:GREEN");
  }

  @Test
  void badInputIsRefusedNamingTheField() throws Exception {
    String pkg = "\"package\": {\"purl\": \"pkg:npm/libfoo\"}";
    var cases = List.of(
        List.of("{\"description\": \"d\", " + pkg + ", \"affectedVersions\": \"< 1.2\"}", "'/title' is missing"),
        List.of(body(title, "\"package\": {\"purl\": \"not a purl\"}"), "'/package/purl'"),
        List.of(body(title, "\"package\": {\"ecosystem\": \"Nope\", \"name\": \"x\"}"), "'/package/ecosystem'"),
        List.of(body(title, "\"package\": {\"ecosystem\": \"npm\"}"), "'/package/name' is missing"),
        List.of(body(title, pkg + ", \"tlp\": \"PURPLE\""), "'/tlp'"),
        List.of(body(title, pkg).replace("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "high"), "'/cvssVector'"),
        List.of(body(title, pkg).replace("\"https://example.org/advisory\"", "\"javascript:alert(1)\""), "'/references/0'"),
        List.of(body(title, pkg).replace("{\"fixed\": \"1.2.0\"}", "{\"fixed\": 3}"), "'/affectedVersions/0/events/1'"),
        List.of("[]", "'' must be a JSON object"));
    long before = jdbc.sql("SELECT COUNT(*) FROM disclosure_report").query(Long.class).single();
    for (var c : cases) {
      var answer = submit(reporter, c.get(0));
      assertThat(answer.getStatus()).as(c.get(0)).isEqualTo(400);
      assertThat(answer.getContentAsString()).as(c.get(0)).contains(c.get(1));
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_report").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void aMemberMayNotSubmit() throws Exception {
    var refused = submit(member, body(title, "\"package\": {\"purl\": \"pkg:npm/libfoo\"}"));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'access.refused' AND actor = :a")
        .param("a", member.name()).query(Long.class).single()).isEqualTo(1);
  }

  private static String body(String title, String pkg) {
    return "{\"title\": \"" + title + "\", \"description\": \"A crafted header overflows the parser.\", " + pkg
        + ", \"affectedVersions\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"1.2.0\"}]}],"
        + " \"fixedVersion\": \"1.2.0\", \"cvssVector\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
        + " \"references\": [\"https://example.org/advisory\"]}";
  }

  private MockHttpServletResponse submit(Caller caller, String json) throws Exception {
    return mvc.perform(post("/api/v1/reports").with(as(caller)).contentType(MediaType.APPLICATION_JSON).content(json))
        .andReturn().getResponse();
  }

  private MockHttpServletResponse read(Caller caller, String path) throws Exception {
    return mvc.perform(get(path).with(as(caller))).andReturn().getResponse();
  }

  private static String id(MockHttpServletResponse created) throws Exception {
    return created.getContentAsString().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private long audited(String action, String target) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = :a AND target LIKE :t")
        .param("a", action).param("t", target + "%").query(Long.class).single();
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
