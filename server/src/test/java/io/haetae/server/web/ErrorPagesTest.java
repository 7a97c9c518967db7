package io.haetae.server.web;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors answer in the hub's own words: a page in its layout with a way back for people, a
 * problem+json with a sentence for machines, and never Spring's default page, an exception's
 * text or a stack trace. Real HTTP (the container's error dispatch does not happen in MockMvc).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ErrorPagesTest.Failing.class)
class ErrorPagesTest {

  /** A route that fails as a bug would, carrying text that must never reach the caller. */
  @TestConfiguration
  @RestController
  static class Failing {
    @GetMapping("/api/v1/test-failure")
    String api() {
      throw new IllegalStateException("secret internals at com.example.Db");
    }

    @GetMapping(value = "/test-failure", produces = "text/html")
    String page() {
      throw new IllegalStateException("secret internals at com.example.Db");
    }
  }

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  NewOrganisation org;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void setUp() {
    org = organisations.create(unique("Errors"), unique("ciso") + "@errors.test", "energy", false);
  }

  @Test
  void anUnknownPageIsTheHubsOwn404InKoreanWithAWayBack() throws Exception {
    var anonymous = get("/webjars/no-such-page", "text/html", null);
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertThat(anonymous.body()).contains("페이지가 없습니다", "href=\"/\"", "href=\"/login\"", "haetae.css")
        .doesNotContain("Whitelabel");

    HttpClient browser = signedIn();
    var signedIn = browser.send(page("/no-such-page?lang=en"), HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(404);
    assertThat(signedIn.body()).contains("Nothing here", "href=\"/\"")
        .doesNotContain("Whitelabel", "href=\"/login\"");
  }

  @Test
  void aRefusedPageIsTheHubsOwn403() throws Exception {
    var response = signedIn().send(page("/national"), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("권한이 없습니다").doesNotContain("Whitelabel");
  }

  @Test
  void anApiCallWithoutAKeySaysTheHeaderIsMissing() throws Exception {
    var response = get("/api/v1/project", "application/json", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(response.body()).contains("X-Api-Key");
    assertThat(get("/api/v1/project", "application/json", "hae_not-a-key").body()).contains("unknown or revoked");
  }

  @Test
  void anUnknownApiRouteIsA404ProblemEvenForABrowser() throws Exception {
    var response = get("/api/v1/no-such-route", "text/html", org.apiKey());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"status\":404", "no such route");
  }

  @Test
  void aFailureShowsAReferenceAndNothingOfTheException() throws Exception {
    var api = get("/api/v1/test-failure", "application/json", org.apiKey());
    assertThat(api.statusCode()).isEqualTo(500);
    assertThat(api.body()).contains("\"reference\"").doesNotContain("secret internals", "com.example", "Exception");

    var page = signedIn().send(page("/test-failure"), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(500);
    assertThat(page.body()).contains("문제가 생겼습니다", "<code>").doesNotContain("secret internals", "com.example", "Exception");
  }

  @Test
  void aWrongMethodIsA405Problem() throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/project"))
        .header("X-Api-Key", org.apiKey()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).contains("HTTP method");
  }

  /** A browser with the CISO signed in (session cookie and CSRF token, as a form sends them). */
  private HttpClient signedIn() throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String login = browser.send(page("/login"), HttpResponse.BodyHandlers.ofString()).body();
    var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    assertThat(csrf.find()).isTrue();
    String form = "username=" + enc(org.organisation().cisoEmail()) + "&password=" + enc(org.cisoPassword()) + "&_csrf=" + enc(csrf.group(1));
    var signIn = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    return browser;
  }

  private HttpRequest page(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html").GET().build();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String path, String accept, String key) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept);
    if (key != null) request.header("X-Api-Key", key);
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
