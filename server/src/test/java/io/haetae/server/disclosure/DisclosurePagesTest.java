package io.haetae.server.disclosure;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The triage list, the cluster view and the case view, in Korean (the default) and English; a
 * move made on the case page shows on it, and a refused one comes back naming the allowed moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosurePagesTest {

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired VulnerabilityReports reports;

  MockMvc mvc;
  Caller reporter;
  Caller operator;
  UUID report;
  String title;

  @BeforeAll
  void aReport() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    Organisation lab = organisations.create(unique("Research Lab"), unique("ciso") + "@lab.test", unique("research"),
        SizeClass.SME, Role.CISO).organisation();
    Organisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true).organisation();
    reporter = new Caller(lab.id(), lab.name(), unique("reporter") + "@lab.test", Role.REPORTER);
    operator = new Caller(cert.id(), cert.name(), unique("op") + "@cert.test", Role.OPERATOR);
    title = unique("Heap overflow in pagefoo");
    report = reports.submit(reporter, JsonMapper.builder().build().readTree("{\"title\": \"" + title + "\", \"description\": \"d\", "
        + "\"package\": {\"ecosystem\": \"npm\", \"name\": \"" + unique("pagefoo") + "\"}, \"affectedVersions\": \"all\"}")).id();
  }

  @Test
  void theTriageListShowsTheClusterInKoreanAndEnglish() throws Exception {
    assertThat(page(operator, "/reports")).contains("취약점 제보", "우선순위", title);
    assertThat(page(operator, "/reports?lang=en")).contains("Vulnerability reports", "Priority", title);
    assertThat(page(reporter, "/reports")).contains(title, "상태", "제출 시각");
    assertThat(page(reporter, "/reports?lang=en")).contains(title, "State", "Submitted");
  }

  @Test
  void theClusterViewInKoreanAndEnglish() throws Exception {
    assertThat(page(operator, "/reports/clusters/" + report)).contains("군집의 모든 제보 상태 변경", title);
    assertThat(page(operator, "/reports/clusters/" + report + "?lang=en")).contains("Move every report of the cluster", title);
    assertThat(mvc.perform(get("/reports/clusters/" + report).with(as(reporter))).andReturn().getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void theCaseViewShowsItsTimelineAndTakesAMove() throws Exception {
    assertThat(page(operator, "/reports/" + report)).contains("타임라인", "분류", title);
    assertThat(page(reporter, "/reports/" + report + "?lang=en")).contains("Timeline", "Submitted", title).doesNotContain("Triage");

    MvcResult refused = mvc.perform(post("/reports/" + report + "/transition").param("state", "CLOSED").with(as(operator)).with(csrf()))
        .andReturn();
    assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/reports/" + report);
    assertThat((String) refused.getFlashMap().get("problem")).contains("allowed: [INVALID, VALID]");

    mvc.perform(post("/reports/" + report + "/transition").param("state", "INVALID").param("comment", "Not reproducible.")
        .with(as(operator)).with(csrf())).andReturn();
    assertThat(page(reporter, "/reports/" + report + "?lang=en")).contains("Invalid", "Not reproducible.");
  }

  @Test
  void anAcceptedReportIsPublishedFromItsPageInKoreanAndEnglish() throws Exception {
    String pkg = unique("pagepub");
    UUID accepted = reports.submit(reporter, JsonMapper.builder().build().readTree("{\"title\": \"" + title + " to publish\", "
        + "\"description\": \"d\", \"package\": {\"ecosystem\": \"npm\", \"name\": \"" + pkg + "\"}, "
        + "\"affectedVersions\": \"before 2.0.0\", \"fixedVersion\": \"2.0.0\"}")).id();
    assertThat(page(operator, "/reports/" + accepted)).doesNotContain("권고문 공개");
    for (String state : List.of("VALID", "ACCEPTED")) {
      mvc.perform(post("/reports/" + accepted + "/transition").param("state", state).with(as(operator)).with(csrf())).andReturn();
    }
    assertThat(page(operator, "/reports/" + accepted)).contains("권고문 공개", "공개 등급");
    assertThat(page(operator, "/reports/" + accepted + "?lang=en")).contains("Publish advisory", "Publish as");
    assertThat(page(reporter, "/reports/" + accepted + "?lang=en")).doesNotContain("Publish advisory");

    MvcResult refused = mvc.perform(post("/reports/" + accepted + "/publish").param("cve", "CVE-1").with(as(operator)).with(csrf()))
        .andReturn();
    assertThat((String) refused.getFlashMap().get("problem")).contains("schema at '/vulnerabilities/0/cve'");
    mvc.perform(post("/reports/" + accepted + "/publish").param("tlp", "CLEAR").with(as(operator)).with(csrf())).andReturn();
    assertThat(page(operator, "/reports/" + accepted)).contains("공개된 권고문", "KR-HAETAE-", "CSAF 문서").doesNotContain("권고문 공개<");
    assertThat(page(reporter, "/reports/" + accepted + "?lang=en")).contains("Published as", "KR-HAETAE-", "CVE JSON 5 record");
    var cve = mvc.perform(get("/reports/" + accepted + "/cve.json").with(as(reporter))).andReturn().getResponse();
    assertThat(cve.getContentAsString()).contains("\"packageName\":\"" + pkg + "\"", "\"lessThan\":\"2.0.0\"");
  }

  private String page(Caller caller, String path) throws Exception {
    var response = mvc.perform(get(path).with(as(caller))).andReturn().getResponse();
    assertThat(response.getStatus()).as(path).isEqualTo(200);
    return response.getContentAsString();
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
