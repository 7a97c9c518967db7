package io.haetae.server;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** SBOMs whose components lack purls: matched by a derived purl where possible, else listed as unmatched. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SbomIntakeTest {

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
  }

  @Test
  void acceptsSpdxTagValueUploads() {
    NewOrganisation org = organisations.create(unique("Rail"), unique("ciso") + "@rail.test", null, false);
    var hub = new HubClient(port);

    String uuid = hub.upload(org.apiKey(), unique("signalling"), "1", bytes("fixtures/sbom/signalling.spdx"));

    assertThat(hub.get(org.apiKey(), "/api/v1/metrics/project/" + uuid + "/current").getBody())
        .containsEntry("components", 2);
  }
}
