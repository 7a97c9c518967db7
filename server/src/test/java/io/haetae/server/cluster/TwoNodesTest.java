package io.haetae.server.cluster;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Two hub nodes in one JVM on the same PostgreSQL database, each with its own web server on a
 * random port, as {@code ./haetae serve} twice would run them: a session signed in on one is
 * valid on the other, a job under a cluster lock runs on one node only, and failed
 * authentications are counted across both.
 */
class TwoNodesTest {

  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static final List<String> lockedRuns = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void startTwoNodes() {
    Assumptions.assumeTrue("postgresql".equals(TestDatabase.kind()),
        "a cluster needs a shared PostgreSQL (127.0.0.1:5432 does not answer, or HAETAE_TEST_DB=h2): "
            + "the embedded H2 of a test run is one process's database");
    a = node("a");
    b = node("b");
  }

  @AfterAll
  static void stopNodes() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  static ConfigurableApplicationContext node(String name) {
    return new SpringApplicationBuilder(HaetaeApplication.class, LockedJob.class)
        .profiles("test")
        .run("--server.port=0", "--haetae.test.node=" + name);
  }

  @Test
  void aSessionSignedInOnOneNodeIsValidOnTheOther() throws Exception {
    NewOrganisation org = a.getBean(OrganisationService.class)
        .create(unique("Clustered"), unique("ciso") + "@cluster.test", "energy", false);

    HttpResponse<String> login = send(a, HttpRequest.newBuilder(uri(a, "/login")).GET());
    String cookie = cookie(login);
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
    assertThat(csrf.find()).isTrue();
    String form = "username=" + enc(org.organisation().cisoEmail()) + "&password=" + enc(org.cisoPassword())
        + "&_csrf=" + enc(csrf.group(1));
    HttpResponse<String> signIn = send(a, HttpRequest.newBuilder(uri(a, "/login"))
        .header("Cookie", "JSESSIONID=" + cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElse("")).endsWith("/").doesNotContain("error");
    String signedIn = signIn.headers().allValues("Set-Cookie").isEmpty() ? cookie : cookie(signIn);

    HttpResponse<String> onB = send(b, HttpRequest.newBuilder(uri(b, "/org")).header("Cookie", "JSESSIONID=" + signedIn).GET());
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body()).contains(org.organisation().name());
    // Signing out on B ends the session on A too.
    HttpResponse<String> onBAgain = send(b, HttpRequest.newBuilder(uri(b, "/org")).header("Cookie", "JSESSIONID=" + signedIn).GET());
    var csrfOnB = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(onBAgain.body());
    assertThat(csrfOnB.find()).isTrue();
    HttpResponse<String> logout = send(b, HttpRequest.newBuilder(uri(b, "/logout"))
        .header("Cookie", "JSESSIONID=" + signedIn).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrfOnB.group(1)))));
    assertThat(logout.statusCode()).isEqualTo(302);
    HttpResponse<String> onAAfter = send(a, HttpRequest.newBuilder(uri(a, "/org")).header("Cookie", "JSESSIONID=" + signedIn).GET());
    assertThat(onAAfter.statusCode()).isEqualTo(302);
    assertThat(onAAfter.headers().firstValue("Location").orElse("")).contains("/login");
  }

  @Test
  void aJobUnderAClusterLockRunsOnOneNodeOnly() {
    // Both nodes try every 100 ms; the lock is held 30 s after a run, so one run in all.
    await().atMost(Duration.ofSeconds(20)).until(() -> !lockedRuns.isEmpty());
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> lockedRuns.size() == 1);
    assertThat(a.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM cluster_lock WHERE name = 'two-nodes-test'")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void failedAuthenticationsAreCountedAcrossBothNodes() throws Exception {
    NewOrganisation org = a.getBean(OrganisationService.class)
        .create(unique("Runner"), unique("ciso") + "@runner.test", "energy", false);
    // A shared CI runner behind the hub's proxy (the proxy on the hub's machine is trusted for X-Forwarded-For).
    String address = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    for (int i = 0; i < 15; i++) {
      assertThat(project(a, address, "hae_wrong_a" + i).statusCode()).isEqualTo(401);
      assertThat(project(b, address, "hae_wrong_b" + i).statusCode()).isEqualTo(401);
    }
    // The 31st failure is past the bound (30 per address) whichever node sees it.
    assertThat(project(a, address, "hae_wrong_more").statusCode()).isEqualTo(429);
    assertThat(project(b, address, "hae_wrong_again").statusCode()).isEqualTo(429);
    // A valid key from the same address still passes on either node.
    assertThat(project(b, address, org.apiKey()).statusCode()).isEqualTo(200);
    assertThat(project(a, address, org.apiKey()).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> project(ConfigurableApplicationContext node, String address, String key) throws Exception {
    return send(node, HttpRequest.newBuilder(uri(node, "/api/v1/project")).header("X-Api-Key", key)
        .header("X-Forwarded-For", address).GET());
  }

  private HttpResponse<String> send(ConfigurableApplicationContext node, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ConfigurableApplicationContext node, String path) {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String cookie(HttpResponse<String> response) {
    String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    return header.substring("JSESSIONID=".length(), header.contains(";") ? header.indexOf(';') : header.length());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A job of the test's own, on both nodes; each run records the node that ran it. */
  static class LockedJob {
    private final String node;

    LockedJob(org.springframework.core.env.Environment environment) {
      this.node = environment.getProperty("haetae.test.node", "?");
    }

    @Scheduled(initialDelay = 100, fixedDelay = 100)
    @SchedulerLock(name = "two-nodes-test", lockAtMostFor = "PT1M", lockAtLeastFor = "PT30S")
    public void run() {
      lockedRuns.add(node);
    }
  }
}
