package io.haetae.server;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * SBOMs whose components lack purls: matched by a derived purl where possible, else listed as
 * unmatched; SPDX uploads too. Each upload's digest must reach the CISO here: an undelivered
 * one would be retried in the background for the rest of the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SbomIntakeTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;

  @Test
  void componentsWithoutPurlAreMatchedByDerivedPurlOrReportedUnmatchedWithTheReason() {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    NewOrganisation org = organisations.create(unique("Billing"), unique("ciso") + "@billing.test", null, false);
    var hub = new HubClient(port);

    String uuid = hub.upload(org.apiKey(), unique("billing-portal"), "3.1.0", bytes("fixtures/sbom/no-purl-1.6.json"));

    // commons-text 1.9 has no purl in the SBOM; group + name + version make it Maven (Text4Shell).
    assertThat(hub.findings(org.apiKey(), uuid)).anySatisfy(f -> {
      @SuppressWarnings("unchecked") var component = (Map<String, Object>) f.get("component");
      assertThat(component).containsEntry("name", "commons-text")
          .containsEntry("purl", "pkg:maven/org.apache.commons/commons-text@1.9");
    });
    List<Map<String, Object>> unmatched = hub.http().get().uri("/api/v1/project/" + uuid + "/unmatched")
        .header("X-Api-Key", org.apiKey()).retrieve().body(new ParameterizedTypeReference<>() {});
    assertThat(unmatched).extracting(u -> u.get("name"), u -> u.get("reason")).containsExactly(
        tuple("openssl",
            "only a CPE (cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*); advisories are keyed by package"),
        tuple("vendor-blob", "no package-url, and none can be derived from its name and group"));
    var metrics = hub.get(org.apiKey(), "/api/v1/metrics/project/" + uuid + "/current").getBody();
    assertThat(((Number) metrics.get("unmatchedComponents")).intValue()).isEqualTo(2);
    awaitDigestTo(org.organisation().cisoEmail());
  }

  @Test
  void acceptsSpdxTagValueUploads() {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    NewOrganisation org = organisations.create(unique("Rail"), unique("ciso") + "@rail.test", null, false);
    var hub = new HubClient(port);

    String uuid = hub.upload(org.apiKey(), unique("signalling"), "1", bytes("fixtures/sbom/signalling.spdx"));

    assertThat(hub.get(org.apiKey(), "/api/v1/metrics/project/" + uuid + "/current").getBody())
        .containsEntry("components", 2);
    // Django 3.2.0 and requests 2.25.1 have advisories in the demo set.
    assertThat(hub.findings(org.apiKey(), uuid)).isNotEmpty();
    awaitDigestTo(org.organisation().cisoEmail());
  }

  private static void awaitDigestTo(String address) {
    await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }));
  }
}
