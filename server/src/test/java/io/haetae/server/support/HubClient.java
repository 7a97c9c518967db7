package io.haetae.server.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Talks to a hub under test over real HTTP, as a Dependency-Track client would. */
public final class HubClient {

  private final RestClient http;

  public HubClient(int port) {
    this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
        .build();
  }

  public RestClient http() {
    return http;
  }

  /** PUT /api/v1/bom; returns the whole response so tests can check errors too. */
  public ResponseEntity<Map<String, Object>> putBom(String apiKey, String project, String version, byte[] bom) {
    var body = Map.of("projectName", project, "projectVersion", version, "autoCreate", true,
        "bom", Base64.getEncoder().encodeToString(bom));
    return http.put().uri("/api/v1/bom").header("X-Api-Key", apiKey).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  /** Uploads and waits until the hub says the SBOM is analysed; returns the project uuid. */
  public String upload(String apiKey, String project, String version, byte[] bom) {
    var response = putBom(apiKey, project, version, bom);
    if (!response.getStatusCode().is2xxSuccessful()) throw new AssertionError("upload refused: " + response);
    String token = (String) response.getBody().get("token");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> Boolean.FALSE.equals(get(apiKey, "/api/v1/bom/token/" + token).getBody().get("processing")));
    return (String) get(apiKey, "/api/v1/project/lookup?name=" + project + "&version=" + version).getBody().get("uuid");
  }

  public ResponseEntity<Map<String, Object>> get(String apiKey, String path) {
    var spec = http.get().uri(path);
    if (apiKey != null) spec = spec.header("X-Api-Key", apiKey);
    return spec.retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  public ResponseEntity<String> getText(String apiKey, String path) {
    var spec = http.get().uri(path);
    if (apiKey != null) spec = spec.header("X-Api-Key", apiKey);
    return spec.retrieve().toEntity(String.class);
  }

  public List<Map<String, Object>> findings(String apiKey, String projectUuid) {
    return http.get().uri("/api/v1/finding/project/" + projectUuid).header("X-Api-Key", apiKey)
        .retrieve().body(new ParameterizedTypeReference<>() {});
  }
}
