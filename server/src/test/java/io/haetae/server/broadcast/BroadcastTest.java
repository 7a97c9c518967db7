package io.haetae.server.broadcast;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.TestSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Broadcasts over HTTP: who may address whom, what a recipient's mail looks like, the counts,
 * and the one-click acknowledgement. Each test addresses sectors of its own, so the shared
 * database's other organisations never receive its notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BroadcastTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;

  HubClient hub;
  String operatorKey;
  String sector;
  List<NewOrganisation> members;

  @BeforeEach
  void aSectorOfThreeOrganisations() {
    hub = new HubClient(port);
    operatorKey = organisations.create(unique("CERT"), unique("op") + "@cert.test", null, true).apiKey();
    sector = unique("water");
    members = List.of(
        organisations.create(unique("Han River Water"), unique("ciso") + "@hanriver.test", sector, false),
        organisations.create(unique("Busan Water"), unique("ciso") + "@busan.test", sector, false),
        organisations.create(unique("Jeju Water"), unique("ciso") + "@jeju.test", sector, false));
    jdbc.sql("UPDATE identity_organisation SET language = 'en' WHERE id = :id")
        .param("id", members.get(2).organisation().id()).update();
  }

  @Test
  void eachCisoOfTheSectorGetsOneMailInItsLanguageWithAStableMessageId() throws Exception {
    var sent = post(operatorKey, Map.of("title", "Readiness check", "body", "Please answer by **Friday**, {organisation}.",
        "audience", Map.of("sectors", List.of(sector.toUpperCase() + " ")), "requireAcknowledgement", false));

    assertThat(sent.getStatusCode().value()).isEqualTo(201);
    String id = (String) sent.getBody().get("id");
    assertThat(sent.getBody()).containsEntry("recipients", 3);
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(members).size() == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) status(id).get("delivered")).intValue() == 3);

    MimeMessage korean = mailTo(members.get(0));
    assertThat(korean.getSubject()).isEqualTo("[해태 공지] Readiness check");
    assertThat(korean.getMessageID()).isEqualTo("<" + id + "." + members.get(0).organisation().id() + "@haetae>");
    assertThat(korean.getContentType()).startsWith("multipart/alternative");
    assertThat(part(korean, "text/plain")).contains("Please answer by **Friday**, " + members.get(0).organisation().name());
    assertThat(part(korean, "text/html")).contains("<strong>Friday</strong>").contains(members.get(0).organisation().name());
    MimeMessage english = mailTo(members.get(2));
    assertThat(english.getSubject()).isEqualTo("[Haetae notice] Readiness check");
    assertThat(part(english, "text/plain")).doesNotContain("/broadcasts/ack/");
    assertThat(status(id)).containsEntry("recipients", 3).containsEntry("failed", 0).containsEntry("acknowledged", 0);
    assertThat(audited("broadcast.send", id)).isEqualTo(1);
  }

  @Test
  void scriptsAndJavascriptLinksInTheBodyNeverReachTheMail() throws Exception {
    post(operatorKey, Map.of("title", "Guidelines", "audience", Map.of("sectors", List.of(sector)),
        "body", "Read <script>alert('x')</script> the [guide](javascript:alert(1)) and <img src=x onerror=alert(2)>."));

    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(members).size() == 3);
    String html = part(mailTo(members.get(0)), "text/html");
    assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("<img");
    assertThat(html).contains("&lt;script&gt;").contains("&lt;img");
  }

  @Test
  void theOneClickLinkAsksFirstThenAcknowledgesOnceAndTheCountsFollow() throws Exception {
    var sent = post(operatorKey, Map.of("title", "Emergency advisory", "body", "Patch now.",
        "audience", Map.of("sectors", List.of(sector)), "requireAcknowledgement", true));
    String id = (String) sent.getBody().get("id");
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(members).size() == 3);
    String text = part(mailTo(members.get(1)), "text/plain");
    Matcher found = Pattern.compile("http://[^/]+(/broadcasts/ack/[A-Za-z0-9_.-]+)").matcher(text);
    assertThat(found.find()).as(text).isTrue();
    Matcher link = Pattern.compile("(.*)").matcher("http://127.0.0.1:" + port + found.group(1));
    assertThat(link.matches()).isTrue();
    var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    var confirm = browser.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Emergency advisory").contains("id=\"acknowledge\"");
    assertThat(status(id)).containsEntry("acknowledged", 0);

    String csrf = csrf(confirm.body());
    for (int i = 0; i < 2; i++) {
      var done = browser.send(HttpRequest.newBuilder(URI.create(link.group(1)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.body()).contains("id=\"acknowledged\"");
    }
    assertThat(status(id)).containsEntry("acknowledged", 1);
    assertThat(audited("broadcast.acknowledge", id)).isEqualTo(1);
    var waiting = hub.http().get().uri("/api/v1/broadcasts/" + id + "/recipients?unacknowledged=true")
        .header("X-Api-Key", operatorKey).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    assertThat(waiting).extracting(r -> r.get("organisation"))
        .containsExactlyInAnyOrder(members.get(0).organisation().id().toString(), members.get(2).organisation().id().toString());

    String forged = link.group(1).substring(0, link.group(1).length() - 4) + "AAAA";
    assertThat(browser.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aSectorOperatorAddressesItsOwnSectorsOnly() {
    var ministry = organisations.create(unique("Ministry of Environment"), unique("sector-op") + "@me.test", null,
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector(sector, sector, ministry.organisation().id());
    String otherSector = unique("energy");
    organisations.create(unique("Power Co"), unique("ciso") + "@power.test", otherSector, false);

    var foreign = post(ministry.apiKey(), Map.of("title", "T", "body", "B", "audience", Map.of("sectors", List.of(sector, otherSector))));
    assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    assertThat((String) foreign.getBody().get("detail")).contains("'" + otherSector + "'");
    var everyone = post(ministry.apiKey(), Map.of("title", "T", "body", "B", "audience", "all"));
    assertThat(everyone.getStatusCode().value()).isEqualTo(403);
    var cisoTries = post(members.get(0).apiKey(), Map.of("title", "T", "body", "B", "audience", Map.of("sectors", List.of(sector))));
    assertThat(cisoTries.getStatusCode().value()).isEqualTo(403);

    var own = post(ministry.apiKey(), Map.of("title", "Sector notice", "body", "B", "audience", Map.of("sizes", List.of())));
    assertThat(own.getStatusCode().value()).isEqualTo(400);
    var bySize = post(ministry.apiKey(), Map.of("title", "Sector notice", "body", "B", "audience", Map.of("sectors", List.of(sector))));
    assertThat(bySize.getStatusCode().value()).isEqualTo(201);
    assertThat(bySize.getBody()).containsEntry("recipients", 3);
    String id = (String) bySize.getBody().get("id");
    assertThat(hub.get(ministry.apiKey(), "/api/v1/broadcasts/" + id).getStatusCode().value()).isEqualTo(200);
    assertThat(hub.get(members.get(0).apiKey(), "/api/v1/broadcasts/" + id).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void badRequestsNameTheFieldAndStoreNothing() {
    long before = jdbc.sql("SELECT COUNT(*) FROM broadcast_notice").query(Long.class).single();
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "B")))).contains("'audience'");
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "B", "audience", Map.of())))).contains("'audience'");
    assertThat(detail(post(operatorKey, Map.of("title", " ", "body", "B", "audience", "all")))).contains("'title'");
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "", "audience", "all")))).contains("'body'");
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "B", "audience", Map.of("sizes", List.of("huge"))))))
        .contains("'audience.sizes'");
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "B", "audience", Map.of("sectors", List.of(unique("none"))))))).contains("'audience'");
    assertThat(detail(post(operatorKey, Map.of("title", "T", "body", "B", "audience", "all",
        "attachments", List.of(Map.of("name", "big.bin", "contentType", "application/octet-stream",
            "base64", java.util.Base64.getEncoder().encodeToString(new byte[1_100_000]))))))).contains("'attachments'");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM broadcast_notice").query(Long.class).single()).isEqualTo(before);
  }

  @Test
  void attachmentsTravelWithTheMail() throws Exception {
    post(operatorKey, Map.of("title", "CEO code of conduct", "body", "See the attachment.",
        "audience", Map.of("sectors", List.of(sector)),
        "attachments", List.of(Map.of("name", "code.txt", "contentType", "text/plain",
            "base64", java.util.Base64.getEncoder().encodeToString("Be calm.".getBytes())),
            Map.of("name", "행동강령.pdf", "contentType", "application/pdf",
            "base64", java.util.Base64.getEncoder().encodeToString(new byte[] {'%', 'P', 'D', 'F', 0, -1})))));
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(members).size() == 3);
    MimeMessage m = mailTo(members.get(0));
    assertThat(m.getContentType()).startsWith("multipart/mixed");
    assertThat(part(m, "text/plain")).contains("See the attachment.");
    var multipart = (Multipart) m.getContent();
    var files = new java.util.HashMap<String, byte[]>();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart p = multipart.getBodyPart(i);
      if (p.getFileName() != null) {
        files.put(jakarta.mail.internet.MimeUtility.decodeText(p.getFileName()), p.getInputStream().readAllBytes());
      }
    }
    assertThat(files.keySet()).containsExactlyInAnyOrder("code.txt", "행동강령.pdf");
    assertThat(files.get("code.txt")).isEqualTo("Be calm.".getBytes());
    assertThat(files.get("행동강령.pdf")).isEqualTo(new byte[] {'%', 'P', 'D', 'F', 0, -1});
  }

  private ResponseEntity<Map<String, Object>> post(String key, Map<String, Object> body) {
    return hub.http().post().uri("/api/v1/broadcasts").header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private static String detail(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    return (String) response.getBody().get("detail");
  }

  private Map<String, Object> status(String id) {
    return hub.get(operatorKey, "/api/v1/broadcasts/" + id).getBody();
  }

  private long audited(String action, String id) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = :a AND target LIKE :t")
        .param("a", action).param("t", id + "%").query(Long.class).single();
  }

  private List<MimeMessage> mailsTo(List<NewOrganisation> orgs) {
    var addresses = orgs.stream().map(o -> o.organisation().cisoEmail()).toList();
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return addresses.contains(m.getAllRecipients()[0].toString());
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private MimeMessage mailTo(NewOrganisation org) {
    return mailsTo(List.of(org)).getFirst();
  }

  static String part(MimeMessage message, String type) throws Exception {
    Object content = message.getContent();
    return find(content, type);
  }

  private static String find(Object content, String type) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart p = multipart.getBodyPart(i);
        if (p.isMimeType(type)) return (String) p.getContent();
        if (p.getContent() instanceof Multipart nested) {
          String found = find(nested, type);
          if (found != null) return found;
        }
      }
    }
    return null;
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("CSRF field in " + html).isTrue();
    return m.group(1);
  }
}
