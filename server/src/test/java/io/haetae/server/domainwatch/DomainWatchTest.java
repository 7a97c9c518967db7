package io.haetae.server.domainwatch;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Mails;
import io.haetae.server.support.TestSmtp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Domain watch through its API, as an organisation and the national operator use it: protected
 * names in, an observed list in, matches stored once, the organisation mailed in Korean and
 * judging its matches, the operator's blocklist in CSV, RPZ and STIX; tenancy throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainWatchTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired io.haetae.server.identity.OrganisationImport imports;
  @Autowired DomainWatch watch;

  HubClient hub;
  NewOrganisation bank;
  NewOrganisation other;
  NewOrganisation operator;
  String label;

  @BeforeAll
  void organisations() {
    hub = new HubClient(port);
    bank = organisations.create(unique("Example Bank"), unique("ciso") + "@bank.test", "finance", SizeClass.LARGE_COMPANY, Role.CISO);
    other = organisations.create(unique("Other"), unique("ciso") + "@other.test", "energy", SizeClass.LARGE_COMPANY, Role.CISO);
    operator = organisations.create(unique("KISA"), unique("op") + "@kisa.test", "government", true);
    label = "haetaebank" + Math.abs(System.nanoTime() % 100_000);
  }

  @Test
  void anObservedLookalikeIsStoredOnceMailedJudgedAndExported() throws Exception {
    var put = post(bank.apiKey(), "/api/v1/domains/protected",
        Map.of("domains", List.of("www.shop." + label + ".co.kr"), "brands", List.of(label)), Map.class);
    assertThat(put.getStatusCode().value()).as(String.valueOf(put.getBody())).isEqualTo(200);
    assertThat(hub.get(bank.apiKey(), "/api/v1/domains/protected").getBody())
        .containsEntry("domains", List.of(label + ".co.kr")).containsEntry("brands", List.of(label));

    String observed = String.join("\n", label + ".kr,2026-12-01", label + ".co.kr.verify-account.com",
        label.substring(0, 3) + label.substring(4) + ".co.kr", "wikipedia.org", "not a domain", "");
    var refused = upload(bank.apiKey(), observed);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    var summary = upload(operator.apiKey(), observed).getBody();
    assertThat(summary).containsEntry("names", 5).containsEntry("newMatches", 3);
    assertThat((List<?>) summary.get("rejected")).singleElement().asString().startsWith("feed.txt, line 5:");
    assertThat(upload(operator.apiKey(), observed).getBody()).containsEntry("newMatches", 0);

    List<Map<String, Object>> mine = matches(bank.apiKey(), "");
    assertThat(mine).extracting(m -> m.get("technique")).containsExactlyInAnyOrder("tld-swap", "subdomain", "omission");
    assertThat(matches(other.apiKey(), "")).isEmpty();
    assertThat(matches(operator.apiKey(), "?sector=finance&technique=tld-swap")).extracting(m -> m.get("domain"))
        .contains(label + ".kr");

    // One digest for the three, in Korean, highest score first; nothing for the other organisation.
    await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(mail.getReceivedMessages())
        .anyMatch(m -> sentTo(m, bank)));
    var digest = Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, bank)).toList();
    assertThat(digest).hasSize(1);
    assertThat(digest.getFirst().getSubject()).contains("유사 도메인 3건");
    assertThat(Mails.text(digest.getFirst())).contains(label + ".kr", label + ".co.kr.verify-account.com",
        label.substring(0, 3) + label.substring(4) + ".co.kr", "다른 최상위 도메인", "악성");
    assertThat(Mails.html(digest.getFirst())).contains(label + ".kr", "/domains");
    assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, other))).isEmpty();

    String tld = id(mine, "tld-swap");
    assertThat(post(other.apiKey(), "/api/v1/domains/matches/" + tld + "/verdict", Map.of("verdict", "malicious"), Map.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(post(bank.apiKey(), "/api/v1/domains/matches/" + tld + "/verdict", Map.of("verdict", "malicious"), Map.class)
        .getBody()).containsEntry("verdict", "malicious");
    String typo = id(mine, "omission");
    post(bank.apiKey(), "/api/v1/domains/matches/" + typo + "/verdict", Map.of("verdict", "own"), Map.class);
    String typoDomain = (String) mine.stream().filter(m -> m.get("id").equals(typo)).findFirst().orElseThrow().get("domain");
    assertThat(upload(operator.apiKey(), "www." + typoDomain).getBody()).containsEntry("newMatches", 0);

    assertThat(hub.getText(bank.apiKey(), "/api/v1/domains/blocklist").getStatusCode().value()).isEqualTo(403);
    assertThat(hub.getText(operator.apiKey(), "/api/v1/domains/blocklist?format=csv").getBody())
        .startsWith("domain,display,technique").contains(label + ".kr,").doesNotContain(typoDomain);
    assertThat(hub.getText(operator.apiKey(), "/api/v1/domains/blocklist?format=rpz").getBody())
        .contains("IN SOA", "IN NS", label + ".kr CNAME .\n", "*." + label + ".kr CNAME .\n");
    var stix = JSON.readTree(hub.getText(operator.apiKey(), "/api/v1/domains/blocklist?format=stix").getBody());
    assertThat(stix.get("type").asString()).isEqualTo("bundle");
    var indicator = java.util.stream.StreamSupport.stream(stix.get("objects").spliterator(), false)
        .filter(o -> o.get("pattern").asString().contains(label + ".kr")).findFirst().orElseThrow();
    assertThat(indicator.get("pattern").asString()).isEqualTo("[domain-name:value = '" + label + ".kr']");
    assertThat(indicator.get("id").asString()).matches("indicator--[0-9a-f-]{36}");
    assertThat(indicator.get("spec_version").asString()).isEqualTo("2.1");
  }

  @Test
  void theOrganisationImportsDomainsColumnProtectsThoseDomains() {
    String tag = unique("imp").replace("-", "");
    String csv = "name,ciso_email,sector,size,domains\n" + "Imported " + tag + ",ciso-" + tag + "@imported.test,finance,large,"
        + "\"www." + tag + ".co.kr " + tag + ".com\"\n";
    var op = new io.haetae.server.identity.Caller(operator.organisation().id(), operator.organisation().name(), "op", Role.OPERATOR);
    assertThat(imports.importCsv(op, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).created()).isEqualTo(1);
    var org = organisations.findByName("Imported " + tag).orElseThrow();
    var ciso = new io.haetae.server.identity.Caller(org.id(), org.name(), "ciso", Role.CISO);
    await().atMost(Duration.ofSeconds(20)).until(() -> watch.protectedNames(ciso).domains().size() == 2);
    assertThat(watch.protectedNames(ciso).domains()).containsExactlyInAnyOrder(tag + ".co.kr", tag + ".com");
  }

  private static boolean sentTo(jakarta.mail.internet.MimeMessage m, NewOrganisation org) {
    try {
      return Arrays.toString(m.getAllRecipients()).contains(org.organisation().cisoEmail());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String id(List<Map<String, Object>> matches, String technique) {
    return (String) matches.stream().filter(m -> m.get("technique").equals(technique)).findFirst().orElseThrow().get("id");
  }

  private List<Map<String, Object>> matches(String key, String query) {
    return hub.http().get().uri("/api/v1/domains/matches" + query).header("X-Api-Key", key).retrieve()
        .body(new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> upload(String key, String body) {
    return hub.http().post().uri("/api/v1/domains/observed?filename=feed.txt").header("X-Api-Key", key)
        .contentType(MediaType.APPLICATION_OCTET_STREAM).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private <T> ResponseEntity<T> post(String key, String path, Object body, Class<T> type) {
    return hub.http().post().uri(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().toEntity(type);
  }
}
