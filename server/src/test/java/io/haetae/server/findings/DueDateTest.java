package io.haetae.server.findings;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.engine.advisory.Severity;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/**
 * Due dates follow the written policy (docs/deadlines.md) with the hub's own data: severity when
 * a finding opens, KEV when CISA lists its CVE (recomputed on the KEV import), sooner still when
 * the project is internet-facing, set through the Dependency-Track project API or the SBOM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DueDateTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired FindingService findings;
  @Autowired DeadlinePolicy policy;

  HubClient hub;
  NewOrganisation org;
  Caller ciso;
  String advisoryId;
  String cve;

  @BeforeEach
  void setUp() throws Exception {
    hub = new HubClient(port);
    org = organisations.create(unique("Bank"), unique("ciso") + "@bank.test", "finance", false);
    ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    // The real PYSEC-2021-108 (urllib3 < 1.26.5) under ids no other test uses, its CVE alias too.
    advisoryId = unique("KR-CERT-2026");
    cve = "CVE-2099-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    Path advisory = Files.createTempDirectory("advisory").resolve(advisoryId + ".json");
    Files.writeString(advisory, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + advisoryId + "\"")
        .replace("CVE-2021-33503", cve).replace("GHSA-q2q7-5pp4-w6pg", advisoryId + "-GHSA"));
    importer.importOsv(advisory);
  }

  Finding theFinding(UUID project) {
    return findings.openOfProject(ciso, project).stream().filter(f -> f.advisoryId().equals(advisoryId)).findFirst()
        .orElseThrow();
  }

  int catalogue = 0;

  void listInKev(LocalDate added, LocalDate due) throws Exception {
    catalogue++;
    Path kev = Files.createTempFile("kev", ".json");
    Files.writeString(kev, """
        {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2099.01.%02d",
         "dateReleased": "2026-12-01T00:00:00Z", "count": 1, "vulnerabilities": [
          {"cveID": "%s", "vendorProject": "Python", "product": "urllib3", "vulnerabilityName": "urllib3 ReDoS",
           "dateAdded": "%s", "shortDescription": "d", "requiredAction": "Apply updates per vendor instructions.",
           "dueDate": "%s", "knownRansomwareCampaignUse": "Unknown", "notes": ""}]}
        """.formatted(catalogue, cve, added, due));
    importer.importFeed("kev", kev);
  }

  @Test
  void aFindingIsDueBySeverityAndSoonerOnceKevListsItsCve() throws Exception {
    UUID project = UUID.fromString(hub.upload(org.apiKey(), unique("billing"), "1", bytes("fixtures/sbom/billing-portal.cdx.json")));
    Finding f = theFinding(project);
    LocalDate opened = LocalDate.ofInstant(f.createdAt(), policy.zone());
    assertThat(f.dueDate()).isEqualTo(policy.dueDate(f.severity(), DeadlinePolicy.Signals.NONE, opened));

    LocalDate today = findings.today();
    listInKev(today, today.plusDays(21));

    // Listed today: due 14 days from the listing (KEV's own date, 21 days, is later).
    await().atMost(Duration.ofSeconds(20)).until(() -> theFinding(project).dueDate().equals(
        earliest(today.plusDays(14), policy.dueDate(f.severity(), DeadlinePolicy.Signals.NONE, opened))));
  }

  @Test
  void internetFacingProjectsHaveThreeDaysForKevAndTheMarkComesFromTheApiOrTheSbom() throws Exception {
    LocalDate today = findings.today();
    listInKev(today.minusDays(1), today.plusDays(20));
    String name = unique("portal");
    String uuid = hub.upload(org.apiKey(), name, "1", bytes("fixtures/sbom/billing-portal.cdx.json"));
    assertThat(theFinding(UUID.fromString(uuid)).dueDate()).isEqualTo(today.plusDays(14));

    var patched = hub.http().patch().uri("/api/v1/project/" + uuid).header("X-Api-Key", org.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("tags", List.of(Map.of("name", "internet-facing"))))
        .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(patched.getStatusCode().value()).isEqualTo(200);
    assertThat(patched.getBody().get("tags")).isEqualTo(List.of(Map.of("name", "internet-facing")));
    // Marking the project re-dates its open findings: KEV and internet-facing, 3 days.
    await().atMost(Duration.ofSeconds(20))
        .until(() -> theFinding(UUID.fromString(uuid)).dueDate().equals(today.plusDays(3)));
    // A KEV due date earlier than the policy's wins, once the catalogue says so.
    listInKev(today.minusDays(1), today.plusDays(1));
    await().atMost(Duration.ofSeconds(20))
        .until(() -> theFinding(UUID.fromString(uuid)).dueDate().equals(today.plusDays(1)));

    // The SBOM's own metadata property marks a project too.
    String bom = new String(bytes("fixtures/sbom/billing-portal.cdx.json"), StandardCharsets.UTF_8)
        .replaceFirst("\"metadata\"\\s*:\\s*\\{", "\"metadata\": {\"properties\": [{\"name\": \"haetae:internet-facing\", \"value\": \"true\"}],");
    assertThat(bom).contains("haetae:internet-facing");
    String other = hub.upload(org.apiKey(), unique("gateway"), "1", bom.getBytes(StandardCharsets.UTF_8));
    assertThat(hub.get(org.apiKey(), "/api/v1/project/" + other).getBody().get("tags"))
        .isEqualTo(List.of(Map.of("name", "internet-facing")));
    assertThat(theFinding(UUID.fromString(other)).dueDate()).isEqualTo(today.plusDays(1));
  }

  @Test
  void overdueFindingsComeFirst() {
    var f = new Finding(UUID.randomUUID(), null, null, "k", "x", null, "1", null, "A", List.of(), "t", Severity.LOW,
        null, null, Finding.AFFECTED, null, FindingState.NEW, UUID.randomUUID(), java.time.Instant.now())
        .withDueDate(LocalDate.of(2026, 1, 10));
    assertThat(f.isOverdue(LocalDate.of(2026, 1, 10))).isFalse();
    assertThat(f.isOverdue(LocalDate.of(2026, 1, 11))).isTrue();
  }

  static LocalDate earliest(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
