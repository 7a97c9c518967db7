package io.haetae.server;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.support.TestSmtp;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.test.context.ActiveProfiles;

/**
 * The spine end to end over HTTP: an SBOM in through the Dependency-Track API, findings out
 * through the same API, one digest in the CISO's mailbox; and the reverse path, a new advisory
 * reaching an SBOM stored before it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HubFlowTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;

  HubClient hub;

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  @Test
  void uploadedSbomBecomesFindingsAndOneDigestForItsCisoOnly() throws Exception {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    NewOrganisation energy = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", "energy", false);
    NewOrganisation health = organisations.create(unique("Health"), unique("ciso") + "@health.test", "health", false);
    String project = unique("scada-gateway");

    String uuid = hub.upload(energy.apiKey(), project, "4.2.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));

    List<Map<String, Object>> findings = hub.findings(energy.apiKey(), uuid);
    assertThat(findings).anySatisfy(f -> {
      assertThat(component(f)).containsEntry("name", "jackson-databind").containsEntry("version", "2.9.8")
          .containsEntry("group", "com.fasterxml.jackson.core")
          .containsEntry("purl", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8");
      assertThat(vulnerability(f)).containsEntry("vulnId", "GHSA-5ww9-j83m-q7qx").containsEntry("source", "GITHUB")
          .containsEntry("patchedVersions", "2.9.9");
      assertThat(vulnerability(f).get("severity")).isIn("CRITICAL", "HIGH", "MEDIUM", "LOW");
      assertThat((String) vulnerability(f).get("title")).isNotBlank();
    });
    assertThat(findings).anySatisfy(f -> {
      assertThat(component(f)).containsEntry("name", "snakeyaml");
      assertThat(vulnerability(f)).containsEntry("vulnId", "GHSA-3mc7-4q67-w48m").containsEntry("patchedVersions", "1.31");
    });
    assertThat(findings).noneSatisfy(f -> assertThat(component(f)).containsEntry("name", "slf4j-api"));

    Map<String, Object> metrics = hub.get(energy.apiKey(), "/api/v1/metrics/project/" + uuid + "/current").getBody();
    int bands = Arrays.stream(new String[] {"critical", "high", "medium", "low", "unassigned"})
        .mapToInt(k -> ((Number) metrics.get(k)).intValue()).sum();
    assertThat(bands).isEqualTo(findings.size());
    assertThat(((Number) metrics.get("findingsTotal")).intValue()).isEqualTo(findings.size());
    assertThat(((Number) metrics.get("components")).intValue()).isEqualTo(7);

    await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(energy.organisation().cisoEmail()).size() == 1);
    MimeMessage digest = messagesTo(energy.organisation().cisoEmail()).getFirst();
    String body = io.haetae.server.support.Mails.text(digest);
    assertThat(digest.getSubject()).contains(energy.organisation().name());
    assertThat(body).contains("GHSA-5ww9-j83m-q7qx", "jackson-databind", "2.9.8 -> 2.12.7.1", "GHSA-3mc7-4q67-w48m", "1.31");
    assertThat(messagesTo(health.organisation().cisoEmail())).isEmpty();

    var foreign = hub.getText(health.apiKey(), "/api/v1/finding/project/" + uuid);
    assertThat(foreign.getStatusCode().value()).isEqualTo(404);
    assertThat(foreign.getBody()).doesNotContain(project).doesNotContain("jackson");
    assertThat(hub.getText(null, "/api/v1/finding/project/" + uuid).getStatusCode().value()).isEqualTo(401);
    assertThat(hub.getText("hae_wrong", "/api/v1/project/lookup?name=" + project).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void newAdvisoryReachesAStoredSbomWithoutReupload() throws Exception {
    NewOrganisation bank = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    String uuid = hub.upload(bank.apiKey(), unique("billing-portal"), "1.0.0", bytes("fixtures/sbom/billing-portal.cdx.json"));
    // The real PYSEC-2021-108 under ids no other test imports: a national CERT's own advisory.
    String id = unique("KR-CERT-2026");
    Path advisory = Files.createTempDirectory("advisory").resolve(id + ".json");
    Files.writeString(advisory, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + id + "\"")
        .replace("CVE-2021-33503", id + "-CVE").replace("GHSA-q2q7-5pp4-w6pg", id + "-GHSA"));
    assertThat(hub.findings(bank.apiKey(), uuid)).noneSatisfy(f -> assertThat(vulnerability(f)).containsEntry("vulnId", id));

    var summary = importer.importOsv(advisory);

    assertThat(summary.rejected()).isEmpty();
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.findings(bank.apiKey(), uuid).stream()
        .anyMatch(f -> id.equals(vulnerability(f).get("vulnId"))));
    assertThat(hub.findings(bank.apiKey(), uuid)).anySatisfy(f -> {
      assertThat(vulnerability(f)).containsEntry("vulnId", id).containsEntry("patchedVersions", "1.26.5");
      assertThat(component(f)).containsEntry("name", "urllib3").containsEntry("version", "1.26.4");
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> digestsNaming(bank, id) == 1);
    assertThat(io.haetae.server.support.Mails.text(messagesTo(bank.organisation().cisoEmail()).getLast())).contains(id, "urllib3", "1.26.5");

    var again = importer.importOsv(advisory);
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(again.inserted() + again.updated()).isZero();
    Outbox.awaitDrained(jdbc);
    assertThat(digestsNaming(bank, id)).isEqualTo(1);
  }

  private long digestsNaming(NewOrganisation org, String advisoryId) {
    return messagesTo(org.organisation().cisoEmail()).stream()
        .filter(m -> io.haetae.server.support.Mails.text(m).contains(advisoryId)).count();
  }

  @Test
  void aWholeRealCorpusGoesInBatchByBatchAndReachesStoredSboms() {
    Path corpus = Path.of(System.getProperty("haetae.shared", "../../shared"), "corpora/osv/pypi-pysec.jsonl.gz");
    assumeTrue(Files.exists(corpus), "shared corpora not present");
    NewOrganisation clinic = organisations.create(unique("Clinic"), unique("ciso") + "@clinic.test", "health", false);
    String uuid = hub.upload(clinic.apiKey(), unique("patient-records"), "2.3.1",
        bytes("demo/saebyeok-hospital-patient-records.cdx.json"));

    var summary = importer.importOsv(corpus);
    Outbox.awaitDrained(jdbc);

    assertThat(summary.read()).isEqualTo(2661);
    assertThat(summary.rejected()).isEmpty();
    // Django 3.2.5 is named by many PYSEC records spread over several batches of 500.
    assertThat(hub.findings(clinic.apiKey(), uuid).stream()
        .filter(f -> "Django".equals(component(f).get("name")))
        .map(f -> (String) vulnerability(f).get("vulnId")).filter(id -> id.startsWith("PYSEC-")).count())
        .isGreaterThan(5);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE status = 'FAILED'").query(Long.class).single())
        .isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void multipartUploadListingAndDeletionWorkAsDependencyTrackClientsExpect() {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    NewOrganisation org = organisations.create(unique("Telecom"), unique("ciso") + "@telecom.test", "telecom", false);
    String project = unique("core-router");
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("projectName", project);
    form.add("projectVersion", "7.1");
    form.add("autoCreate", "true");
    form.add("bom", new ByteArrayResource(bytes("demo/hanbit-energy-scada-gateway.cdx.json")) {
      @Override
      public String getFilename() {
        return "bom.json";
      }
    });

    var posted = hub.http().post().uri("/api/v1/bom").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(Map.class);

    assertThat(posted.getStatusCode().value()).isEqualTo(200);
    String token = (String) posted.getBody().get("token");
    await().atMost(Duration.ofSeconds(20)).until(() ->
        Boolean.FALSE.equals(hub.get(org.apiKey(), "/api/v1/bom/token/" + token).getBody().get("processing")));
    List<Map<String, Object>> listed = hub.http().get().uri("/api/v1/project?name=" + project)
        .header("X-Api-Key", org.apiKey()).retrieve().body(List.class);
    assertThat(listed).singleElement().satisfies(p -> assertThat(p).containsEntry("name", project).containsEntry("version", "7.1"));
    String uuid = (String) listed.getFirst().get("uuid");
    assertThat(hub.findings(org.apiKey(), uuid)).isNotEmpty();

    var deleted = hub.http().delete().uri("/api/v1/project/" + uuid).header("X-Api-Key", org.apiKey())
        .retrieve().toBodilessEntity();

    assertThat(deleted.getStatusCode().value()).isEqualTo(204);
    assertThat(hub.getText(org.apiKey(), "/api/v1/project/" + uuid).getStatusCode().value()).isEqualTo(404);
    assertThat(hub.getText(org.apiKey(), "/api/v1/finding/project/" + uuid).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void healthAnswersUpWithoutSignIn() {
    var health = hub.getText(null, "/actuator/health");
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void badSbomIsRefusedWithItsReasonAndStoresNothing() {
    NewOrganisation org = organisations.create(unique("Agency"), unique("ciso") + "@agency.test", null, false);
    String project = unique("broken");

    var refused = hub.putBom(org.apiKey(), project, "1", bytes("fixtures/sbom/not-an-sbom.json"));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(String.valueOf(refused.getBody().get("detail"))).containsIgnoringCase("name");
    assertThat(hub.getText(org.apiKey(), "/api/v1/project/lookup?name=" + project + "&version=1").getStatusCode().value())
        .isEqualTo(404);

    var notBase64 = hub.http().put().uri("/api/v1/bom").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("projectName", project, "autoCreate", true, "bom", "%%% not base64 %%%"))
        .retrieve().toEntity(String.class);
    assertThat(notBase64.getStatusCode().value()).isEqualTo(400);
    assertThat(notBase64.getBody()).contains("bom");

    var notJson = hub.http().put().uri("/api/v1/bom").header("X-Api-Key", org.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body("{\"projectName\": ")
        .retrieve().toEntity(String.class);
    assertThat(notJson.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void damagedRecordsAreNamedByLineAndTheRestIsImported() {
    var summary = importer.importOsv(file("fixtures/osv/damaged.jsonl"));

    assertThat(summary.read()).isEqualTo(3);
    assertThat(summary.rejected()).hasSize(2);
    assertThat(summary.rejected().get(0)).contains("damaged.jsonl").contains("2");
    assertThat(summary.rejected().get(1)).contains("damaged.jsonl").contains("3").contains("/id");
    assertThat(summary.inserted() + summary.updated() + summary.unchanged()).isEqualTo(1);
  }

  private List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> component(Map<String, Object> finding) {
    return (Map<String, Object>) finding.get("component");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> vulnerability(Map<String, Object> finding) {
    return (Map<String, Object>) finding.get("vulnerability");
  }
}
