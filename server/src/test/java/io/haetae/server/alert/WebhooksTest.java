package io.haetae.server.alert;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end against a real HTTP receiver on this machine (private addresses allowed
 * here; the address rule itself is {@code WebhookTargetsTest}): an endpoint is registered and its
 * secret shown once; an alert reaches it signed so that the Standard Webhooks library verifies
 * it; a receiver that fails is retried with the same webhook-id, and every attempt is listed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "haetae.webhooks.allow-private-addresses=true", "haetae.webhooks.retry-schedule=PT0.5S,PT0.5S,PT0.5S",
    "haetae.webhooks.poll=PT0.2S"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;

  HubClient hub;
  HttpServer receiver;
  /** Requests the receiver got, per path. */
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** How many times /flaky has answered; it answers 500 twice, then 200. */
  final AtomicInteger flaky = new AtomicInteger();

  record Received(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.get(name).getFirst();
    }
  }

  @BeforeAll
  void receiverAndAdvisories() throws IOException {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    hub = new HubClient(port);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var headers = new java.util.TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      String path = exchange.getRequestURI().getPath();
      received.add(new Received(path, headers, body));
      int status = switch (path) {
        case "/flaky" -> flaky.incrementAndGet() <= 2 ? 500 : 200;
        case "/rejects" -> 400;
        default -> 204;
      };
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void anAlertArrivesSignedAndTheSecretIsShownOnlyOnce() throws Exception {
    var org = organisation();
    var created = register(org, "/ok", Map.of());
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String secret = (String) created.getBody().get("secret");
    String id = (String) created.getBody().get("id");
    assertThat(secret).startsWith("whsec_");
    var listed = hub.getText(org.apiKey(), "/api/v1/webhooks").getBody();
    assertThat(listed).contains(id, "/ok").doesNotContain(secret).doesNotContain("whsec_");

    hub.upload(org.apiKey(), unique("scada"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    Received alert = awaitOne("/ok", "alert.sent", org);
    // The library the receiver would use accepts it; one changed byte and it does not.
    new Webhook(secret).verify(alert.body(), alert.headers());
    assertThatThrownBy(() -> new Webhook(secret).verify(alert.body().replace("alert.sent", "alert.sENT"), alert.headers()))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
        .verify(alert.body(), alert.headers())).isInstanceOf(WebhookVerificationException.class);
    JsonNode body = JSON.readTree(alert.body());
    assertThat(body.get("type").asString()).isEqualTo("alert.sent");
    JsonNode finding = body.at("/data/alert/findings/0");
    assertThat(finding.get("component").asString()).isNotBlank();
    assertThat(finding.has("recommendation")).isTrue();
    assertThat(finding.has("dueDate")).isTrue();
    assertThat(body.at("/data/alert/upgrades").size()).isPositive();
    assertThat(alert.header("webhook-id")).startsWith("msg_");
  }

  @Test
  void aLookalikeOfTheOrganisationArrivesAtOnceAndOnlyOnce() throws Exception {
    var org = organisation();
    String secret = (String) register(org, "/lookalikes", Map.of("events", List.of("domain.match_found"))).getBody().get("secret");
    String label = "hookedbank" + Math.abs(System.nanoTime() % 100_000);
    var operator = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    hub.http().post().uri("/api/v1/domains/protected").header("X-Api-Key", org.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("domains", List.of(label + ".co.kr"))).retrieve().toBodilessEntity();
    for (int i = 0; i < 2; i++) {
      hub.http().post().uri("/api/v1/domains/observed?filename=ct.txt").header("X-Api-Key", operator.apiKey())
          .contentType(MediaType.APPLICATION_OCTET_STREAM).body((label + ".com\n").getBytes(StandardCharsets.UTF_8))
          .retrieve().toBodilessEntity();
    }

    Received match = awaitOne("/lookalikes", "domain.match_found", org);
    new Webhook(secret).verify(match.body(), match.headers());
    JsonNode data = JSON.readTree(match.body()).get("data");
    assertThat(data.get("domain").asString()).isEqualTo(label + ".com");
    assertThat(data.get("protected").asString()).isEqualTo(label + ".co.kr");
    assertThat(data.get("technique").asString()).isEqualTo("tld-swap");
    assertThat(data.get("score").asInt()).isBetween(1, 100);
    // The endpoint asked for look-alikes only: the organisation's alerts do not reach it.
    assertThat(received).filteredOn(r -> r.path().equals("/lookalikes")).allMatch(r -> r.body().contains("domain.match_found"));
  }

  @Test
  void aFailingReceiverIsRetriedWithTheSameWebhookIdAndEveryAttemptIsListed() {
    var org = organisation();
    String hook = (String) register(org, "/flaky", Map.of("events", List.of("alert.sent"))).getBody().get("id");

    hub.upload(org.apiKey(), unique("scada"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(org, hook).size() == 3
        && "DELIVERED".equals(attempts(org, hook).getFirst().get("messageState")));
    var attempts = attempts(org, hook);
    assertThat(attempts).extracting(a -> a.get("status")).containsExactly(200, 500, 500);
    assertThat(attempts).extracting(a -> a.get("webhookId")).containsOnly(attempts.getFirst().get("webhookId"));
    var deliveries = received.stream().filter(r -> r.path().equals("/flaky")).toList();
    assertThat(deliveries).hasSize(3);
    assertThat(deliveries).extracting(r -> r.header("webhook-id")).containsOnly((String) attempts.getFirst().get("webhookId"));
    assertThat(deliveries).extracting(Received::body).containsOnly(deliveries.getFirst().body());
    // The page shows the same attempts.
    assertThat(hub.getText(org.apiKey(), "/api/v1/webhooks/" + hook + "/attempts").getBody()).contains("\"status\":500");
  }

  @Test
  void aReceiverThatRefusesWithA4xxIsNotRetried() {
    var org = organisation();
    String hook = (String) register(org, "/rejects", Map.of("events", List.of("alert.sent"))).getBody().get("id");

    hub.upload(org.apiKey(), unique("scada"), "1", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    await().atMost(Duration.ofSeconds(30)).until(() -> attempts(org, hook).size() == 1
        && "FAILED".equals(attempts(org, hook).getFirst().get("messageState")));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> attempts(org, hook).size() == 1);
    assertThat((String) attempts(org, hook).getFirst().get("error")).contains("HTTP 400");
  }

  @Test
  void badUrlsAreRefusedNamingTheFieldAndNothingIsStored() {
    var org = organisation();
    for (String url : List.of("ftp://example.org/hook", "example.org/hook", "https://user:pw@example.org/hook", "")) {
      var answer = register(org, null, Map.of("url", url));
      assertThat(answer.getStatusCode().value()).as(url).isEqualTo(400);
      assertThat((String) answer.getBody().get("detail")).as(url).contains("'url'");
    }
    var badEvent = register(org, "/ok", Map.of("events", List.of("alert.exploded")));
    assertThat((String) badEvent.getBody().get("detail")).contains("'events'", "alert.exploded", "alert.sent");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_webhook WHERE org_id = :o").param("o", org.organisation().id())
        .query(Long.class).single()).isZero();
  }

  @Test
  void aMemberMayReadButNotRegisterAndAnotherOrganisationSeesNothing() {
    var org = organisation();
    String hook = (String) register(org, "/ok", Map.of()).getBody().get("id");
    var other = organisation();
    assertThat(hub.get(other.apiKey(), "/api/v1/webhooks/" + hook).getStatusCode().value()).isEqualTo(404);
    assertThat(hub.getText(other.apiKey(), "/api/v1/webhooks").getBody()).doesNotContain(hook);
    var deleted = hub.http().delete().uri("/api/v1/webhooks/" + hook).header("X-Api-Key", other.apiKey()).retrieve().toBodilessEntity();
    assertThat(deleted.getStatusCode().value()).isEqualTo(404);
    var mine = hub.http().delete().uri("/api/v1/webhooks/" + hook).header("X-Api-Key", org.apiKey()).retrieve().toBodilessEntity();
    assertThat(mine.getStatusCode().value()).isEqualTo(204);
    assertThat(hub.get(org.apiKey(), "/api/v1/webhooks/" + hook).getStatusCode().value()).isEqualTo(404);
  }

  private NewOrganisation organisation() {
    return organisations.create(unique("Hooked Energy"), unique("ciso") + "@hooked.test", unique("energy"),
        SizeClass.LARGE_COMPANY, Role.CISO);
  }

  private ResponseEntity<Map<String, Object>> register(NewOrganisation org, String path, Map<String, Object> extra) {
    var body = new java.util.HashMap<String, Object>(extra);
    if (path != null) body.put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    return hub.http().post().uri("/api/v1/webhooks").header("X-Api-Key", org.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private List<Map<String, Object>> attempts(NewOrganisation org, String hook) {
    return hub.http().get().uri("/api/v1/webhooks/" + hook + "/attempts").header("X-Api-Key", org.apiKey()).retrieve()
        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
  }

  /** The one request of this type for this organisation's alert that reached the path. */
  private Received awaitOne(String path, String type, NewOrganisation org) {
    var found = new ArrayList<Received>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      found.clear();
      for (Received r : received) {
        if (r.path().equals(path) && r.body().contains("\"" + type + "\"")
            && r.body().contains(org.organisation().id().toString())) {
          found.add(r);
        }
      }
      return !found.isEmpty();
    });
    assertThat(found).hasSize(1);
    return found.getFirst();
  }
}
