package io.haetae.server.findings;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Dependency-Track clients set analyses the way they already do ({@code PUT /api/v1/analysis},
 * {@code PUT /api/v1/vex}) and read them back in the finding list and {@code GET /api/v1/analysis}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@SuppressWarnings("unchecked")
class AnalysisApiTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;

  HubClient hub;
  NewOrganisation org;
  String advisoryId;
  String projectName;
  String project;

  @BeforeEach
  void setUp() throws Exception {
    hub = new HubClient(port);
    org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    advisoryId = unique("KR-CERT-2026");
    Path advisory = Files.createTempDirectory("advisory").resolve(advisoryId + ".json");
    Files.writeString(advisory, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + advisoryId + "\"")
        .replace("CVE-2021-33503", advisoryId + "-CVE").replace("GHSA-q2q7-5pp4-w6pg", advisoryId + "-GHSA"));
    importer.importOsv(advisory);
    projectName = unique("billing");
    project = hub.upload(org.apiKey(), projectName, "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
  }

  Map<String, Object> finding(String key, boolean suppressed) {
    return hub.http().get().uri("/api/v1/finding/project/" + project + (suppressed ? "?suppressed=true" : ""))
        .header("X-Api-Key", key).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
        .stream().filter(f -> advisoryId.equals(((Map<String, Object>) f.get("vulnerability")).get("vulnId")))
        .findFirst().orElse(null);
  }

  static String uuidOf(Map<String, Object> finding, String part) {
    return (String) ((Map<String, Object>) finding.get(part)).get("uuid");
  }

  Map<String, Object> body(String state) {
    var f = finding(org.apiKey(), true);
    var body = new HashMap<String, Object>();
    body.put("project", project);
    body.put("component", uuidOf(f, "component"));
    body.put("vulnerability", uuidOf(f, "vulnerability"));
    body.put("analysisState", state);
    return body;
  }

  ResponseEntity<Map<String, Object>> put(String key, Map<String, Object> body) {
    return hub.http().put().uri("/api/v1/analysis").header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  String analysisQuery() {
    var f = finding(org.apiKey(), true);
    return "/api/v1/analysis?project=" + project + "&component=" + uuidOf(f, "component") + "&vulnerability="
        + uuidOf(f, "vulnerability");
  }

  @Test
  void anAnalysisIsRecordedAnsweredAndShownInTheFindingList() {
    assertThat(hub.get(org.apiKey(), analysisQuery()).getStatusCode().value()).isEqualTo(404);

    var body = body("NOT_AFFECTED");
    body.put("analysisJustification", "CODE_NOT_REACHABLE");
    body.put("analysisResponse", "WILL_NOT_FIX");
    body.put("analysisDetails", "urllib3 only talks to our own proxy");
    body.put("isSuppressed", false);
    var answer = put(org.apiKey(), body);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).containsEntry("analysisState", "NOT_AFFECTED")
        .containsEntry("analysisJustification", "CODE_NOT_REACHABLE").containsEntry("analysisResponse", "WILL_NOT_FIX")
        .containsEntry("analysisDetails", "urllib3 only talks to our own proxy").containsEntry("isSuppressed", false)
        .containsEntry("findingState", "NOT_AFFECTED");
    assertThat((List<Map<String, Object>>) answer.getBody().get("analysisComments")).singleElement()
        .satisfies(c -> {
          assertThat((String) c.get("comment")).contains("NOT_SET → NOT_AFFECTED");
          assertThat(c.get("commenter")).isNotNull();
          assertThat(c.get("timestamp")).isInstanceOf(Number.class);
        });
    assertThat(hub.get(org.apiKey(), analysisQuery()).getBody()).containsEntry("analysisState", "NOT_AFFECTED");
    var analysis = (Map<String, Object>) finding(org.apiKey(), false).get("analysis");
    assertThat(analysis).containsEntry("state", "NOT_AFFECTED").containsEntry("justification", "CODE_NOT_REACHABLE")
        .containsEntry("isSuppressed", false);

    // NOT_AFFECTED has no direct move to triage: the finding is reopened, then triaged (two steps).
    var triage = put(org.apiKey(), body("IN_TRIAGE"));
    assertThat(triage.getBody()).containsEntry("analysisState", "IN_TRIAGE").containsEntry("findingState", "ACKNOWLEDGED");
    assertThat((List<?>) triage.getBody().get("analysisComments")).hasSize(3);

    var accept = body("EXPLOITABLE");
    accept.put("analysisResponse", "WILL_NOT_FIX");
    accept.put("analysisDetails", "legacy host, retired in March");
    assertThat(put(org.apiKey(), accept).getBody()).containsEntry("analysisState", "EXPLOITABLE")
        .containsEntry("findingState", "RISK_ACCEPTED");

    var resolved = put(org.apiKey(), body("RESOLVED"));
    assertThat(resolved.getBody()).containsEntry("analysisState", "RESOLVED").containsEntry("findingState", "FIXED");
    assertThat(((Map<String, Object>) finding(org.apiKey(), false).get("analysis"))).containsEntry("state", "RESOLVED");
  }

  @Test
  void suppressedFindingsLeaveTheListUnlessAskedFor() {
    var body = body("FALSE_POSITIVE");
    body.put("isSuppressed", true);
    assertThat(put(org.apiKey(), body).getStatusCode().value()).isEqualTo(200);

    assertThat(finding(org.apiKey(), false)).isNull();
    assertThat((Map<String, Object>) finding(org.apiKey(), true).get("analysis"))
        .containsEntry("state", "FALSE_POSITIVE").containsEntry("isSuppressed", true);
  }

  @Test
  void componentAndVulnerabilityUuidsStayTheSameAcrossUploads() {
    var before = finding(org.apiKey(), false);
    hub.upload(org.apiKey(), projectName, "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
    var after = finding(org.apiKey(), false);

    assertThat(uuidOf(after, "component")).isEqualTo(uuidOf(before, "component"));
    assertThat(uuidOf(after, "vulnerability")).isEqualTo(uuidOf(before, "vulnerability"));
    assertThat(after.get("matrix")).isEqualTo(before.get("matrix"));
  }

  @Test
  void badInputNamesTheFieldAndForeignFindingsAreNotFound() {
    var state = body("MAYBE");
    var refused = put(org.apiKey(), state);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().get("detail").toString()).contains("analysisState");

    var component = body("NOT_AFFECTED");
    component.put("component", "not-a-uuid");
    assertThat(put(org.apiKey(), component).getBody().get("detail").toString()).contains("component");

    var justification = body("NOT_AFFECTED");
    justification.put("analysisJustification", "BECAUSE");
    assertThat(put(org.apiKey(), justification).getBody().get("detail").toString()).contains("analysisJustification");

    var missing = body("NOT_AFFECTED");
    missing.remove("vulnerability");
    assertThat(put(org.apiKey(), missing).getBody().get("detail").toString()).contains("vulnerability");

    var unknownComponent = body("NOT_AFFECTED");
    unknownComponent.put("component", java.util.UUID.randomUUID().toString());
    assertThat(put(org.apiKey(), unknownComponent).getStatusCode().value()).isEqualTo(404);

    NewOrganisation other = organisations.create(unique("Other"), unique("ciso") + "@other.test", "finance", false);
    var foreign = put(other.apiKey(), body("NOT_AFFECTED"));
    assertThat(foreign.getStatusCode().value()).isEqualTo(404);
    assertThat(foreign.toString()).doesNotContain(projectName).doesNotContain("urllib3");
    assertThat(hub.get(other.apiKey(), analysisQuery()).getStatusCode().value()).isEqualTo(404);
    assertThat(((Map<String, Object>) finding(org.apiKey(), false).get("analysis"))).containsEntry("state", "NOT_SET");
  }

  @Test
  void aCycloneDxVexSetsTheSameStates() {
    String vex = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "components": [{"bom-ref": "u", "type": "library", "name": "urllib3", "version": "1.26.4",
                         "purl": "pkg:pypi/urllib3@1.26.4"}],
         "vulnerabilities": [{"id": "%s", "analysis": {"state": "not_affected",
            "justification": "code_not_reachable", "detail": "no redirects followed"}, "affects": [{"ref": "u"}]}]}
        """.formatted(advisoryId);
    var answer = hub.http().put().uri("/api/v1/vex").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("project", project, "vex", Base64.getEncoder().encodeToString(vex.getBytes(StandardCharsets.UTF_8))))
        .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).containsKey("token").containsEntry("findings", 1);
    assertThat((Map<String, Object>) finding(org.apiKey(), false).get("analysis"))
        .containsEntry("state", "NOT_AFFECTED").containsEntry("justification", "CODE_NOT_REACHABLE")
        .containsEntry("details", "no redirects followed");
  }

  @Test
  void anOpenVexWithAnUnknownReferenceIsReportedAndNothingIsApplied() {
    String vex = """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.org/vex/1", "author": "Bank",
         "timestamp": "2026-12-01T00:00:00Z", "version": 1,
         "statements": [
           {"vulnerability": {"name": "%s"}, "products": [{"@id": "pkg:pypi/urllib3@1.26.4"}],
            "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
           {"vulnerability": {"name": "CVE-1999-0001"}, "products": [{"@id": "pkg:pypi/urllib3@1.26.4"}],
            "status": "fixed"}]}
        """.formatted(advisoryId);
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("projectName", projectName);
    form.add("projectVersion", "1");
    form.add("vex", new ByteArrayResource(vex.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "bank.openvex.json";
      }
    });
    var refused = hub.http().post().uri("/api/v1/vex").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
        .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().get("detail").toString()).contains("bank.openvex.json", "statement 2", "CVE-1999-0001")
        .doesNotContain("statement 1");
    assertThat((Map<String, Object>) finding(org.apiKey(), false).get("analysis")).containsEntry("state", "NOT_SET");

    form.set("vex", new ByteArrayResource(vex.replace("CVE-1999-0001", advisoryId + "-CVE").getBytes(StandardCharsets.UTF_8)));
    var applied = hub.http().put().uri("/api/v1/vex").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
        .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(applied.getStatusCode().value()).isEqualTo(200);
    // Both statements name the same finding (its id and its alias); the later one, "fixed", wins.
    assertThat((Map<String, Object>) finding(org.apiKey(), false).get("analysis")).containsEntry("state", "RESOLVED");
  }
}
