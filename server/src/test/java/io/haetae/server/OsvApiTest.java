package io.haetae.server;

import static io.haetae.server.support.Fixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/** The OSV.dev-compatible API, with OSV.dev's documented request and response shapes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OsvApiTest {

  @LocalServerPort int port;
  @Autowired AdvisoryImporter importer;
  HubClient hub;

  @BeforeAll
  void load() {
    importer.importOsv(file("demo/advisories.jsonl"));
    importer.importOsv(file("fixtures/osv/PYSEC-2021-108.json"));
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  @Test
  void queryByNameEcosystemAndVersionAnswersTheAffectingRecords() {
    Map<String, Object> answer = post("/v1/query",
        Map.of("package", Map.of("name", "urllib3", "ecosystem", "PyPI"), "version", "1.26.4"));
    assertThat(ids(answer)).contains("PYSEC-2021-108");
    // 1.26.5 is PYSEC-2021-108's fix (the demo data holds no later urllib3 advisory).
    assertThat(ids(post("/v1/query", Map.of("package", Map.of("name", "urllib3", "ecosystem", "PyPI"), "version", "1.26.5"))))
        .doesNotContain("PYSEC-2021-108");
    assertThat(post("/v1/query", Map.of("package", Map.of("name", "left-pad", "ecosystem", "npm"), "version", "1.0.0")))
        .doesNotContainKey("vulns");
  }

  @Test
  void queryByPurlNormalisesPypiNames() {
    Map<String, Object> answer = post("/v1/query", Map.of("package", Map.of("purl", "pkg:pypi/URLLib3@1.26.4")));
    assertThat(ids(answer)).contains("PYSEC-2021-108");
    Map<String, Object> maven = post("/v1/query",
        Map.of("package", Map.of("purl", "pkg:maven/com.fasterxml.jackson.core/jackson-databind"), "version", "2.9.8"));
    assertThat(ids(maven)).contains("GHSA-5ww9-j83m-q7qx");
  }

  @Test
  @SuppressWarnings("unchecked")
  void batchAnswersIdsAndModifiedPerQueryInOrder() {
    Map<String, Object> answer = post("/v1/querybatch", Map.of("queries", List.of(
        Map.of("package", Map.of("name", "urllib3", "ecosystem", "PyPI"), "version", "1.26.4"),
        Map.of("package", Map.of("name", "left-pad", "ecosystem", "npm"), "version", "1.0.0"))));
    var results = (List<Map<String, Object>>) answer.get("results");
    assertThat(results).hasSize(2);
    var first = (List<Map<String, Object>>) results.get(0).get("vulns");
    assertThat(first).anySatisfy(v -> assertThat(v).containsEntry("id", "PYSEC-2021-108").containsKey("modified"));
    assertThat(results.get(1)).isEmpty();
  }

  @Test
  void vulnsByIdAndByAliasServeTheRecord() {
    var direct = hub.getText(null, "/v1/vulns/PYSEC-2021-108");
    assertThat(direct.getStatusCode().value()).isEqualTo(200);
    assertThat(direct.getBody()).contains("\"id\":\"PYSEC-2021-108\"").contains("CVE-2021-33503");
    assertThat(hub.getText(null, "/v1/vulns/CVE-2021-33503").getBody()).contains("\"id\":\"PYSEC-2021-108\"");
    var missing = hub.getText(null, "/v1/vulns/PYSEC-1900-1");
    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(missing.getBody()).contains("\"code\":5");
  }

  @Test
  void invalidQueriesAreRefusedWithOsvErrorShape() {
    var noPackage = hub.http().post().uri("/v1/query").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("version", "1.0")).retrieve().toEntity(String.class);
    assertThat(noPackage.getStatusCode().value()).isEqualTo(400);
    assertThat(noPackage.getBody()).contains("\"code\":3").contains("package");
    var badEcosystem = hub.http().post().uri("/v1/query").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("package", Map.of("name", "x", "ecosystem", "Nonsense"))).retrieve().toEntity(String.class);
    assertThat(badEcosystem.getStatusCode().value()).isEqualTo(400);
    assertThat(badEcosystem.getBody()).contains("Nonsense");
  }

  private Map<String, Object> post(String path, Object body) {
    return hub.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().body(new ParameterizedTypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> answer) {
    var vulns = (List<Map<String, Object>>) answer.getOrDefault("vulns", List.of());
    return vulns.stream().map(v -> (String) v.get("id")).toList();
  }
}
