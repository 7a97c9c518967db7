package io.haetae.server.knowledge;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A TLP:AMBER advisory shared with the energy sector, on every read path: the OSV API
 * (anonymous and keyed), the advisory page, and matching (findings, hence alerts), which
 * reaches energy organisations only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlpEnforcementTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(io.haetae.server.support.TestSmtp.setup())
          .withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;

  HubClient hub;
  String sector;
  String amberId;
  NewOrganisation energy;
  NewOrganisation health;
  String energyProject;
  String healthProject;

  @BeforeAll
  void shareAnAmberAdvisoryWithOneSector() {
    hub = new HubClient(port);
    // The public record the AMBER copy is made from: TLP:CLEAR, matched for everyone.
    importer.importOsv(io.haetae.server.support.Fixtures.file("fixtures/osv/PYSEC-2021-108.json"));
    Outbox.awaitDrained(jdbc);
    sector = unique("energy");
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    energy = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", sector, SizeClass.LARGE_COMPANY, Role.CISO);
    health = organisations.create(unique("Health"), unique("ciso") + "@health.test", unique("health"), SizeClass.SME, Role.CISO);
    energyProject = hub.upload(energy.apiKey(), "portal", "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
    healthProject = hub.upload(health.apiKey(), "portal", "1", bytes("fixtures/sbom/billing-portal.cdx.json"));

    amberId = unique("HAETAE-TLP");
    String record = new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + amberId + "\"")
        .replaceFirst("\"aliases\":\\s*\\[[^]]*]", "\"aliases\": []")
        .replaceFirst("\"modified\":\\s*\"[^\"]*\"", "\"modified\": \"" + Instant.now() + "\"");
    var imported = hub.http().post().uri("/api/v1/advisories/import/osv?filename=shared.json&tlp=AMBER&sector=" + sector)
        .header("X-Api-Key", cert.apiKey()).contentType(MediaType.APPLICATION_JSON).body(record).retrieve().toEntity(String.class);
    assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
    Outbox.awaitDrained(jdbc);
  }

  @Test
  void anonymousOsvClientsNeverSeeTheAmberRecord() {
    assertThat(hub.getText(null, "/v1/vulns/" + amberId).getStatusCode().value()).isEqualTo(404);
    String query = hub.http().post().uri("/v1/query").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("package", Map.of("name", "urllib3", "ecosystem", "PyPI"), "version", "1.26.4"))
        .retrieve().body(String.class);
    assertThat(query).doesNotContain(amberId);
  }

  @Test
  void thePublicKnowledgeBaseNeitherMergesNorFindsTheAmberRecord() {
    var record = hub.getText(energy.apiKey(), "/api/v1/vulnerability/" + amberId);
    assertThat(record.getStatusCode().value()).isEqualTo(404);
    // The problem detail echoes the requested path; nothing of the record itself may appear.
    assertThat(record.getBody()).doesNotContain("urllib3", "CVE-2021-33503");
    var search = hub.getText(null, "/api/v1/vulnerabilities?q=" + amberId);
    assertThat(search.getStatusCode().value()).isEqualTo(200);
    assertThat(search.getBody()).doesNotContain(amberId, "urllib3");
    // The same record at TLP:CLEAR is found: the filter is the marking, not the id.
    assertThat(hub.getText(null, "/api/v1/vulnerability/PYSEC-2021-108").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theAudienceSectorReadsItAndAnotherSectorDoesNot() {
    var mine = hub.getText(energy.apiKey(), "/v1/vulns/" + amberId);
    assertThat(mine.getStatusCode().value()).isEqualTo(200);
    assertThat(mine.getBody()).contains(amberId);
    var theirs = hub.getText(health.apiKey(), "/v1/vulns/" + amberId);
    assertThat(theirs.getStatusCode().value()).isEqualTo(404);
    assertThat(theirs.getBody()).doesNotContain(amberId);
  }

  @Test
  void matchingOpensTheFindingForTheAudienceOnly() {
    assertThat(advisoryIds(energy.apiKey(), energyProject)).contains(amberId, "PYSEC-2021-108");
    assertThat(advisoryIds(health.apiKey(), healthProject)).contains("PYSEC-2021-108").doesNotContain(amberId);
  }

  @Test
  void theAlertCarriesTheLabelAndItsSharingRuleAndGoesToTheAudienceOnly() throws Exception {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> digestNaming(energy) != null);
    var digest = digestNaming(energy);
    assertThat(digest.getSubject()).startsWith("[TLP:AMBER] ");
    String body = io.haetae.server.support.Mails.text(digest);
    // Korean by default: the label, then the sharing rule in the organisation's language.
    assertThat(body).startsWith("TLP:AMBER: 제한적 공유").contains(amberId + " [TLP:AMBER]");
    assertThat(io.haetae.server.support.Mails.html(digest)).contains("TLP:AMBER");
    assertThat(digestNaming(health)).isNull();
  }

  /**
   * Findings name a CVE 5, NVD or CSAF advisory by its CVE, while its row is keyed
   * {@code cve5:CVE-X}: the label must still be found, and the strictest row of the CVE wins.
   */
  @Test
  void aSharedCveRecordLabelsWhatNamesItsCveAndThePublicRecordStaysClear(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String cve = "CVE-2999-" + (System.nanoTime() % 9_000_000 + 1_000_000);
    var file = dir.resolve("shared-cve5.json");
    java.nio.file.Files.writeString(file,
        new String(bytes("fixtures/feeds/CVE-2023-22466.json"), StandardCharsets.UTF_8).replace("CVE-2023-22466", cve));
    assertThat(importer.importFeed("cve5", file,
        new io.haetae.server.identity.Marking(io.haetae.server.identity.Tlp.AMBER, null, sector)).clean()).isTrue();

    assertThat(catalog.tlpOf(List.of(cve, "PYSEC-2021-108", "NO-SUCH-ID")))
        .containsEntry(cve, io.haetae.server.identity.Tlp.AMBER)
        .containsEntry("PYSEC-2021-108", io.haetae.server.identity.Tlp.CLEAR)
        .doesNotContainKey("NO-SUCH-ID");
  }

  /** The digest to this organisation's CISO that reports the AMBER advisory, or null. */
  private jakarta.mail.internet.MimeMessage digestNaming(NewOrganisation org) {
    for (var m : mail.getReceivedMessages()) {
      try {
        if (m.getAllRecipients()[0].toString().equals(org.organisation().cisoEmail())
            && io.haetae.server.support.Mails.text(m).contains(amberId)) return m;
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private List<Object> advisoryIds(String key, String project) {
    return hub.findings(key, project).stream().map(f -> ((Map<String, Object>) f.get("vulnerability")).get("vulnId")).toList();
  }
}
