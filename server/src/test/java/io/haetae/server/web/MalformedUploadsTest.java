package io.haetae.server.web;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile bodies at every route that takes one (issue 17, docs/fuzzing.md): truncated JSON,
 * wrong types, binary junk, nesting thousands deep, a billion-laughs XML, a broken multipart,
 * the wrong content type, and bodies over the size limit, declared or chunked. The answer is
 * always the caller's fault said as a problem+json (400, 413 or 415, or a refusal of the route
 * itself), never a 500. Routes come from the application's handler mapping, so a body-taking
 * route added later is attacked without editing this test. Real HTTP: the size filter and the
 * container's error dispatch are not in MockMvc.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"haetae.limits.upload=1MB", "haetae.limits.request=256KB"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedUploadsTest {

  private static final Set<Integer> CALLERS_FAULT = Set.of(400, 413, 415);
  /** Refusals of the route itself (role, object, method, the self-check's throttle): not a server failure either. */
  private static final Set<Integer> REFUSALS = Set.of(401, 403, 404, 405, 409, 429);
  private static final String BILLION_LAUGHS = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
      ]>
      <bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library">
      <name>&lol9;</name><version>1</version></component></components></bom>
      """;

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;

  final HttpClient http = HttpClient.newHttpClient();
  NewOrganisation org;
  NewOrganisation operator;

  @BeforeAll
  void callers() {
    org = organisations.create(unique("Hostile"), unique("ciso") + "@hostile.test", "energy", false);
    operator = organisations.create(unique("Hostile CERT"), unique("cert") + "@hostile.test", "government", true);
  }

  /** One hostile request body with the content type it claims. */
  record Body(String name, String contentType, byte[] bytes) {
    static Body of(String name, String contentType, String text) {
      return new Body(name, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    Body withTail(byte[] tail) {
      var all = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
      System.arraycopy(tail, 0, all, bytes.length, tail.length);
      return new Body(name, contentType, all);
    }
  }

  static List<Body> hostileBodies() {
    var junk = new byte[4096];
    new Random(17).nextBytes(junk);
    return List.of(
        Body.of("truncated JSON", "application/json", "{\"projectName\": \"x\", \"bom\": \"eyJib21"),
        Body.of("wrong types", "application/json",
            "{\"projectName\": 5, \"bom\": [1], \"autoCreate\": \"maybe\", \"url\": {}, \"domains\": 3, \"items\": \"x\","
                + " \"severity\": [], \"statements\": 7, \"vulnerabilities\": {\"id\": []}}"),
        Body.of("a JSON array", "application/json", "[1, 2, 3]"),
        Body.of("a JSON string", "application/json", "\"bom\""),
        Body.of("JSON null", "application/json", "null"),
        Body.of("empty", "application/json", ""),
        Body.of("invalid UTF-8", "application/json", "{\"projectName\": \"").withTail(new byte[] {(byte) 0xC3, 0x28, '"', '}'}),
        new Body("binary junk", "application/json", junk),
        Body.of("nested 50,000 deep", "application/json", "[".repeat(50_000) + "]".repeat(50_000)),
        Body.of("objects nested 50,000 deep", "application/json", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)),
        Body.of("billion laughs", "application/xml", BILLION_LAUGHS),
        Body.of("plain text", "text/plain", "projectName=x&bom=y"),
        Body.of("multipart without a boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data\r\n\r\n"),
        Body.of("broken multipart", "multipart/form-data; boundary=xyz",
            "--xyz\r\nContent-Disposition: form-data; name=\"bom\"; filename=\"b.json\"\r\n\r\n{\"bomFormat\""),
        new Body("binary junk as multipart", "multipart/form-data; boundary=xyz", junk),
        Body.of("no content type", null, "{}"));
  }

  /**
   * Every hostile body at every route that takes one, as an organisation and as the national
   * operator: nothing answers 5xx, every refusal is a problem+json, and the upload routes an
   * organisation uses say the body is at fault (400, 413 or 415).
   */
  @Test
  void noRouteAnswersAHostileBodyWithAServerError() throws Exception {
    var routes = bodyRoutes();
    assertThat(routes).extracting(Route::pattern).contains("/api/v1/bom", "/api/v1/vex", "/api/v1/reports",
        "/api/v1/webhooks", "/api/v1/checks", "/api/v1/domains/protected", "/api/v1/domains/observed",
        "/api/v1/advisories/import/{format}", "/v1/query", "/v1/querybatch", "/api/v1/broadcasts",
        "/api/v1/organisations/import", "/api/v1/analysis", "/api/v1/alerts/settings");
    var failures = new ArrayList<String>();
    Map<String, Set<Integer>> statuses = new LinkedHashMap<>();
    for (var route : routes) {
      for (var caller : List.of(org, operator)) {
        for (var body : hostileBodies()) {
          var response = send(route.method(), route.concrete(), caller.apiKey(), body.contentType(), body.bytes());
          statuses.computeIfAbsent(route.method() + " " + route.pattern(), k -> new TreeSet<>()).add(response.statusCode());
          check(route + " " + body.name(), response, failures);
        }
      }
    }
    assertThat(failures).as("statuses per route: %s", statuses).isEmpty();
    // The routes an organisation may use must blame the body, not refuse the route.
    for (var route : List.of("PUT /api/v1/bom", "POST /api/v1/bom", "PUT /api/v1/vex", "POST /api/v1/reports",
        "POST /api/v1/webhooks", "POST /api/v1/domains/protected", "POST /v1/query", "POST /v1/querybatch")) {
      assertThat(statuses.get(route)).as(route).isNotEmpty().allSatisfy(s -> assertThat(s).isIn(CALLERS_FAULT));
    }
  }

  @Test
  void aBillionLaughsSbomIsRefusedAsBadInput() throws Exception {
    var b64 = Base64.getEncoder().encodeToString(BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8));
    var put = send("PUT", "/api/v1/bom", org.apiKey(), "application/json",
        ("{\"projectName\":\"lol\",\"projectVersion\":\"1\",\"autoCreate\":true,\"bom\":\"" + b64 + "\"}").getBytes());
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("DOCTYPE").doesNotContain("lollollol");

    var multipart = multipart("bom", "bom.xml", BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8));
    var post = send("POST", "/api/v1/bom", org.apiKey(), multipart.contentType(), multipart.bytes());
    assertThat(post.statusCode()).isEqualTo(400);
  }

  @Test
  void sbomsThatAreNotSbomsAreBadInput() throws Exception {
    for (var bom : List.of("not base64 at all!", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff}),
        Base64.getEncoder().encodeToString("[".repeat(100_000).getBytes()),
        Base64.getEncoder().encodeToString("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":{}}".getBytes()),
        Base64.getEncoder().encodeToString("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>".getBytes()))) {
      var response = send("PUT", "/api/v1/bom", org.apiKey(), "application/json",
          ("{\"projectName\":\"junk\",\"projectVersion\":\"1\",\"autoCreate\":true,\"bom\":\"" + bom + "\"}").getBytes());
      assertThat(response.statusCode()).as(bom.substring(0, Math.min(bom.length(), 40))).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws Exception {
    var big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    for (var path : List.of("/api/v1/bom", "/api/v1/reports", "/api/v1/domains/observed", "/api/v1/advisories/import/osv")) {
      var declared = send(path.equals("/api/v1/bom") ? "PUT" : "POST", path, operator.apiKey(), "application/json", big);
      assertThat(declared.statusCode()).as("declared " + path).isIn(CALLERS_FAULT);
      var chunked = http.send(request(path, operator.apiKey(), "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.statusCode()).as("chunked " + path).isIn(CALLERS_FAULT);
    }
  }

  @Test
  void junkAtEveryAdvisoryImportFormatIsBadInput() throws Exception {
    var junk = new byte[2048];
    new Random(5).nextBytes(junk);
    for (var format : List.of("osv", "cve5", "nvd", "csaf", "kev", "epss")) {
      var filename = format.equals("epss") ? "scores.csv" : "records.json";
      for (var body : List.of(junk, "{\"id\":".getBytes(), "[".repeat(20_000).getBytes(), "{}".getBytes())) {
        var response = send("POST", "/api/v1/advisories/import/" + format + "?filename=" + filename, operator.apiKey(),
            "application/octet-stream", body);
        assertThat(response.statusCode()).as(format).isEqualTo(400);
      }
    }
  }

  /** A route that reads no body may answer it (a 2xx); what fails is a 5xx, or a 4xx that is not a problem+json. */
  private void check(String what, HttpResponse<String> response, List<String> failures) {
    int status = response.statusCode();
    if (status >= 500 || (status >= 400 && !CALLERS_FAULT.contains(status) && !REFUSALS.contains(status))) {
      failures.add(what + " -> " + status + " " + response.body().substring(0, Math.min(200, response.body().length())));
    } else if (status >= 400 && !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
      failures.add(what + " -> " + status + " without a problem+json body");
    }
  }

  private HttpResponse<String> send(String method, String path, String key, String contentType, byte[] body)
      throws Exception {
    return http.send(request(path, key, contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String key, String contentType) {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-Api-Key", key).header("Accept", "application/json");
    return contentType == null ? builder : builder.header("Content-Type", contentType);
  }

  private static Body multipart(String field, String filename, byte[] content) {
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"projectName\"\r\n\r\nlol\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"projectVersion\"\r\n\r\n1\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"autoCreate\"\r\n\r\ntrue\r\n"
        + "--b0undary\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));
    return new Body("multipart", "multipart/form-data; boundary=b0undary", out.toByteArray());
  }

  record Route(String method, String pattern) {
    /** The pattern with its variables filled: an unknown id, a real format name. */
    String concrete() {
      return pattern.replace("{format}", "osv").replaceAll("\\{[^}]+}", "0b6c5b0e-6a55-4d1e-9a0e-4f7c2a1d3e99");
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /** The application's own POST, PUT and PATCH routes under /api and /v1. */
  private List<Route> bodyRoutes() {
    var out = new TreeSet<Route>(java.util.Comparator.comparing(Route::toString));
    mapping.getHandlerMethods().forEach((info, handler) -> {
      if (!handler.getBeanType().getPackageName().startsWith("io.haetae")) return;
      for (var method : info.getMethodsCondition().getMethods()) {
        if (!Set.of("POST", "PUT", "PATCH").contains(method.name())) continue;
        for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
          if (pattern.startsWith("/api/") || pattern.startsWith("/v1/")) out.add(new Route(method.name(), pattern));
        }
      }
    });
    return List.copyOf(out);
  }
}
