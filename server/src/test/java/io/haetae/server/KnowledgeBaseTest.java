package io.haetae.server;

import static io.haetae.server.support.Fixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The knowledge base: one merged record per vulnerability from OSV, CVE List, NVD, CSAF, KEV and
 * EPSS records of the same CVE, served over HTTP, searched, and re-imported idempotently.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBaseTest {

  @LocalServerPort int port;
  @Autowired AdvisoryImporter importer;
  @Autowired AdvisoryCatalog catalog;
  HubClient hub;

  @BeforeAll
  void load() {
    assertThat(importer.importFeed("osv", file("fixtures/feeds/RUSTSEC-2023-0001.json")).clean()).isTrue();
    assertThat(importer.importFeed("cve5", file("fixtures/feeds/CVE-2023-22466.json")).clean()).isTrue();
    assertThat(importer.importFeed("nvd", file("fixtures/feeds/conversion-nvd-test.json")).clean()).isTrue();
    assertThat(importer.importFeed("nvd", file("fixtures/feeds/CVE-2023-4863.json")).clean()).isTrue();
    assertThat(importer.importFeed("kev", file("fixtures/feeds/kev-excerpt.json")).clean()).isTrue();
    assertThat(importer.importFeed("epss", file("fixtures/feeds/epss_scores-2025-x-x.csv")).clean()).isTrue();
  }

  @BeforeEach
  void connect() {
    hub = new HubClient(port);
  }

  @Test
  void anUnscoredAdvisoryIsMatchedWithTheScoreOfItsCveRecord() {
    // RUSTSEC-2023-0001 carries no severity; its CVE 5 record scores CVE-2023-22466 5.4.
    var stored = catalog.forMatching(List.of(new PackageKey(Ecosystem.CRATES_IO, "tokio"))).stream()
        .filter(s -> s.advisory().id().equals("RUSTSEC-2023-0001")).findFirst().orElseThrow();

    var rating = io.haetae.engine.advisory.SeverityRating.of(stored.advisory());
    assertThat(rating.severity()).isEqualTo(io.haetae.engine.advisory.Severity.MEDIUM);
    assertThat(rating.score()).isEqualTo(5.4);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCveItsGhsaAndRustsecAreOneRecordWithEveryIdScoreAndSource() {
    var byCve = hub.get(null, "/api/v1/vulnerability/CVE-2023-22466");
    assertThat(byCve.getStatusCode().value()).isEqualTo(200);
    var record = byCve.getBody();
    assertThat(record).containsEntry("id", "CVE-2023-22466");
    assertThat((List<String>) record.get("aliases")).containsExactlyInAnyOrder("GHSA-7rrj-xr53-82p7", "RUSTSEC-2023-0001");
    assertThat((String) record.get("summary")).isNotBlank();
    var cvss = (List<Map<String, Object>>) record.get("cvss");
    assertThat(cvss).extracting(c -> c.get("source")).contains("cve5", "nvd");
    assertThat(cvss).allSatisfy(c -> assertThat(c).containsKeys("version", "vector", "baseScore"));
    assertThat(cvss).filteredOn(c -> c.get("source").equals("cve5")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("version", "3.1").containsEntry("baseScore", 5.4));
    assertThat((List<Map<String, Object>>) record.get("sources")).extracting(s -> s.get("source"))
        .containsExactly("RUSTSEC-2023-0001", "cve5", "nvd");
    assertThat((List<Map<String, Object>>) record.get("affected")).extracting(a -> a.get("source"))
        .contains("RUSTSEC-2023-0001", "cve5");
    assertThat((List<Map<String, Object>>) record.get("references")).extracting(r -> r.get("source"))
        .contains("RUSTSEC-2023-0001", "cve5", "nvd");
    assertThat(record).containsKeys("kev", "epss", "severity", "details");
    // Any id or alias answers with the same record.
    assertThat(hub.get(null, "/api/v1/vulnerability/GHSA-7rrj-xr53-82p7").getBody()).isEqualTo(record);
    assertThat(hub.get(null, "/api/v1/vulnerability/RUSTSEC-2023-0001").getBody()).isEqualTo(record);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kevAndEpssEnrichTheRecord() {
    var webp = hub.get(null, "/api/v1/vulnerability/CVE-2023-4863").getBody();
    assertThat((Map<String, Object>) webp.get("kev")).containsEntry("dateAdded", "2023-09-13")
        .containsEntry("dueDate", "2023-10-04").containsEntry("knownRansomwareCampaignUse", "Unknown")
        .containsKey("requiredAction");
    assertThat(webp.get("epss")).isNull();
    assertThat(webp).containsEntry("severity", "HIGH");
    // EPSS alone still answers for its CVE.
    var old = hub.get(null, "/api/v1/vulnerability/CVE-1999-0001").getBody();
    assertThat((Map<String, Object>) old.get("epss")).containsEntry("score", 0.01151).containsEntry("percentile", 0.7802)
        .containsEntry("date", "2025-12-26");
    assertThat(old.get("kev")).isNull();
    assertThat(hub.get(null, "/api/v1/vulnerability/CVE-1900-0001").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void theOsvApiResolvesAliasesToTheOsvRecord() {
    var answer = hub.getText(null, "/v1/vulns/CVE-2023-22466");
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).contains("\"id\":\"RUSTSEC-2023-0001\"");
  }

  @Test
  void reimportIsIdempotentAndANewerRecordReplacesOnlyItsOwnSource(@TempDir Path dir) throws IOException {
    var again = importer.importFeed("cve5", file("fixtures/feeds/CVE-2023-22466.json"));
    assertThat(again.inserted() + again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(1);
    assertThat(importer.importFeed("kev", file("fixtures/feeds/kev-excerpt.json")).unchanged()).isEqualTo(3);

    var newer = dir.resolve("CVE-2023-22466.json");
    Files.writeString(newer, Files.readString(file("fixtures/feeds/CVE-2023-22466.json"))
        .replace("\"dateUpdated\": \"2025-03-10T21:32:32.950Z\"", "\"dateUpdated\": \"2026-01-01T00:00:00.000Z\"")
        .replace("Tokio's reject_remote_clients", "Tokio reject_remote_clients"));
    var summary = importer.importFeed("cve5", newer);
    assertThat(summary.updated()).as(summary.toString()).isEqualTo(1);
    var merged = catalog.vulnerability("CVE-2023-22466").orElseThrow();
    assertThat(merged.sources()).extracting(s -> s.source()).containsExactly("RUSTSEC-2023-0001", "cve5", "nvd");
    assertThat(merged.modified()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aBadRecordIsReportedAndSkippedAndTheRestOfTheBatchIsStored(@TempDir Path dir) throws IOException {
    var text = Files.readString(file("fixtures/feeds/conversion-nvd-test.json"));
    // CVE-2024-31497's lastModified made unreadable; its neighbours are untouched.
    int item = text.indexOf("\"CVE-2024-31497\"");
    int at = text.indexOf("\"lastModified\"", item);
    var page = dir.resolve("page.json");
    Files.writeString(page, (text.substring(0, at) + "\"lastModified\": \"not a date\"" + text.substring(text.indexOf(',', at)))
        .replace("\"CVE-2024-31497\"", "\"CVE-2099-31497\""));
    var summary = importer.importFeed("nvd", page);
    assertThat(summary.rejected()).singleElement().asString()
        .contains("page.json (CVE-2099-31497)").contains("/cve/lastModified").contains("not a timestamp");
    assertThat(summary.read()).isEqualTo(13);
    assertThat(summary.unchanged()).isEqualTo(12);
    assertThat(catalog.vulnerability("CVE-2099-31497")).isEmpty();
  }

  @Test
  void csafPackagesReachTheMatchingIndex() {
    var summary = importer.importFeed("csaf", file("fixtures/feeds/rhsa-2010_0002.json"));
    assertThat(summary.clean()).isTrue();
    assertThat(catalog.forPackages(List.of(new PackageKey(Ecosystem.RED_HAT, "PyXML"))))
        .extracting(a -> a.id()).contains("CVE-2009-3720");
    assertThat(catalog.vulnerability("CVE-2009-3720").orElseThrow().sources()).extracting(s -> s.source())
        .containsExactly("csaf:RHSA-2010:0002");
  }

  @Test
  @SuppressWarnings("unchecked")
  void searchesByTextPurlCpeKevAndSeverityPaged() {
    assertThat(ids("/api/v1/vulnerabilities?q=reject_remote_clients")).contains("CVE-2023-22466");
    assertThat(ids("/api/v1/vulnerabilities?q=GHSA-7rrj-xr53-82p7")).containsExactly("CVE-2023-22466");
    assertThat(ids("/api/v1/vulnerabilities?purl=pkg:cargo/tokio")).contains("CVE-2023-22466");
    assertThat(ids("/api/v1/vulnerabilities?cpe=cpe:2.3:a:google:chrome")).contains("CVE-2023-4863");
    assertThat(ids("/api/v1/vulnerabilities?kev=true")).contains("CVE-2023-4863").doesNotContain("CVE-2023-22466");
    assertThat(ids("/api/v1/vulnerabilities?q=CVE-2023-4863&severity=high")).containsExactly("CVE-2023-4863");
    var page = hub.get(null, "/api/v1/vulnerabilities?since=2000-01-01&size=2&page=1").getBody();
    assertThat((List<Object>) page.get("items")).hasSize(2);
    assertThat(((Number) page.get("total")).longValue()).isGreaterThan(4);
    var bad = hub.get(null, "/api/v1/vulnerabilities?severity=urgent");
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
  }

  @SuppressWarnings("unchecked")
  private List<Object> ids(String path) {
    var body = hub.get(null, path).getBody();
    return ((List<Map<String, Object>>) body.get("items")).stream().map(i -> i.get("id")).toList();
  }
}
