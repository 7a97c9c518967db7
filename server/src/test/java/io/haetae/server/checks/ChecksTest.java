package io.haetae.server.checks;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Mails;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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

/**
 * Sector implementation checks end to end: a ministry opens a check for its sector and exactly
 * the CISOs in scope are mailed; CISOs answer; the hub's own evidence (a KEV-listed finding, no
 * SBOM, a fresh clean SBOM) decides the automatic items; the issuer reads the roll-up; reminders
 * go once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"haetae.checks.reminder-check=PT0.5S", "haetae.checks.remind-before=P3D,P1D"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup()).withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;

  HubClient hub;
  String sector;
  NewOrganisation ministry;
  /** Holds a finding of a KEV-listed vulnerability. */
  NewOrganisation exploited;
  /** Has no project at all. */
  NewOrganisation empty;
  /** A fresh SBOM without a vulnerable component. */
  NewOrganisation clean;
  /** Another sector: never in the ministry's scope. */
  NewOrganisation outsider;

  @BeforeAll
  void aSectorOfThreeOrganisations() throws Exception {
    hub = new HubClient(port);
    // The real PYSEC-2021-108 (urllib3 < 1.26.5) under ids and a package name no other test uses, its CVE listed in KEV.
    String advisory = unique("KR-CERT-2026");
    String cve = "CVE-2098-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    // A package of its own: a KEV listing of urllib3 would make other tests' uploads urgent.
    String pkg = unique("checkslib").replace("-", "");
    Path file = Files.createTempDirectory("advisory").resolve(advisory + ".json");
    Files.writeString(file, new String(bytes("fixtures/osv/PYSEC-2021-108.json"), StandardCharsets.UTF_8)
        .replace("\"PYSEC-2021-108\"", "\"" + advisory + "\"").replace("CVE-2021-33503", cve).replace("urllib3", pkg)
        .replace("GHSA-q2q7-5pp4-w6pg", advisory + "-GHSA"));
    importer.importOsv(file);
    Path kev = Files.createTempFile("kev", ".json");
    Files.writeString(kev, """
        {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2098.01.01",
         "dateReleased": "2026-12-01T00:00:00Z", "count": 1, "vulnerabilities": [
          {"cveID": "%s", "vendorProject": "Python", "product": "urllib3", "vulnerabilityName": "urllib3 ReDoS",
           "dateAdded": "2026-12-01", "shortDescription": "d", "requiredAction": "Apply updates.",
           "dueDate": "2026-12-22", "knownRansomwareCampaignUse": "Unknown", "notes": ""}]}
        """.formatted(cve));
    importer.importFeed("kev", kev);
    Outbox.awaitDrained(jdbc);

    sector = unique("water");
    ministry = organisations.create(unique("Ministry of Environment"), unique("sector-op") + "@me.test", "government",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector(sector, "Water", ministry.organisation().id());
    exploited = cisoIn(sector, "Han River Water");
    empty = cisoIn(sector, "Busan Water");
    clean = cisoIn(sector, "Jeju Water");
    outsider = cisoIn(unique("health"), "Seoul Hospital");
    hub.upload(exploited.apiKey(), unique("billing"), "1", ("""
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
          {"type": "library", "name": "%s", "version": "1.26.4", "purl": "pkg:pypi/%s@1.26.4"}]}
        """.formatted(pkg, pkg)).getBytes(StandardCharsets.UTF_8));
    hub.upload(clean.apiKey(), unique("site"), "1", """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
          {"type": "library", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"}]}
        """.getBytes(StandardCharsets.UTF_8));
    // The rooms' projections (the automatic items read them) follow the uploads' events.
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM oversight_finding WHERE org_id = :o AND kev = TRUE").param("o", exploited.organisation().id())
        .query(Long.class).single() > 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM oversight_project WHERE org_id = :o")
        .param("o", clean.organisation().id()).query(Long.class).single() > 0);
  }

  @Test
  void theMinistrysCheckMailsExactlyTheCisosOfItsSectorAndTheHubJudgesWhatItCanSee() {
    String title = unique("Readiness check");
    var opened = open(ministry, title, LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(20), Map.of("sectors", List.of(sector)));
    assertThat(opened.getStatusCode().value()).isEqualTo(201);
    String id = (String) opened.getBody().get("id");
    assertThat(opened.getBody()).containsEntry("inScope", 3).containsEntry("responded", 0);

    await().atMost(Duration.ofSeconds(30)).until(() -> mailsWith(title).size() == 3);
    assertThat(mailsWith(title)).extracting(ChecksTest::recipient).containsExactlyInAnyOrder(
        exploited.organisation().cisoEmail(), empty.organisation().cisoEmail(), clean.organisation().cisoEmail());
    assertThat(Mails.text(mailsWith(title).getFirst())).contains("/checks/" + id);

    for (var org : List.of(exploited, empty, clean)) {
      var answered = respond(org, id, List.of(Map.of("item", 1, "answer", "YES", "comment", "patched on Monday")), true);
      assertThat(answered.getStatusCode().value()).isEqualTo(200);
    }
    var view = hub.get(ministry.apiKey(), "/api/v1/checks/" + id).getBody();
    assertThat(view).containsEntry("inScope", 3).containsEntry("responded", 3).containsEntry("compliant", 1)
        .containsEntry("late", 0);
    assertThat(results(view, exploited)).containsEntry(2, "FAIL").containsEntry(3, "PASS").containsEntry(1, "YES");
    assertThat(results(view, empty)).containsEntry(3, "FAIL");
    assertThat(results(view, clean)).containsEntry(2, "PASS").containsEntry(3, "PASS").containsEntry(4, "PASS");
    assertThat(organisation(view, clean)).containsEntry("compliant", true).containsEntry("status", "SUBMITTED");
    assertThat((List<Map<String, Object>>) view.get("bySector")).singleElement()
        .satisfies(s -> assertThat(s).containsEntry("sector", sector).containsEntry("inScope", 3).containsEntry("compliant", 1));
    assertThat(hub.getText(ministry.apiKey(), "/api/v1/checks/" + id + "/organisations.csv").getBody())
        .contains(clean.organisation().name(), "SUBMITTED");

    // A CISO reads its own response only; an organisation outside the scope reads nothing.
    var own = hub.get(exploited.apiKey(), "/api/v1/checks/" + id).getBody();
    assertThat((List<?>) own.get("organisations")).hasSize(1);
    assertThat(own.get("inScope")).isNull();
    assertThat(hub.get(outsider.apiKey(), "/api/v1/checks/" + id).getStatusCode().value()).isEqualTo(404);
    assertThat(respond(outsider, id, List.of(Map.of("item", 1, "answer", "YES")), true).getStatusCode().value()).isEqualTo(404);
    assertThat(audited("check.open", id)).isEqualTo(1);
  }

  @Test
  void aCheckOutsideTheMinistrysSectorsOrWithBadFieldsIsRefusedAndNothingIsWritten() {
    long before = checks();
    LocalDate due = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(5);
    var foreign = open(ministry, "T", due, Map.of("sectors", List.of(outsider.organisation().sector())));
    assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    assertThat(detail(foreign)).contains("'scope.sectors'");
    assertThat(detail(open(ministry, "T", due.minusDays(30), Map.of("sectors", List.of(sector))))).contains("'dueDate'", "past");
    assertThat(detail(post(ministry, Map.of("title", "T", "dueDate", due.toString(), "scope", "all", "items", List.of()))))
        .contains("'items'");
    assertThat(detail(post(ministry, Map.of("title", "T", "dueDate", due.toString(), "items", List.of(Map.of("kind", "NO_KEV_OPEN"))))))
        .contains("'scope'");
    assertThat(detail(post(ministry, Map.of("title", "T", "dueDate", due.toString(), "scope", "all",
        "items", List.of(Map.of("kind", "NO_SUCH_THING")))))).contains("'items[0].kind'");
    assertThat(post(exploited, Map.of("title", "T", "dueDate", due.toString(), "scope", "all",
        "items", List.of(Map.of("kind", "NO_KEV_OPEN")))).getStatusCode().value()).isEqualTo(403);
    assertThat(checks()).isEqualTo(before);
  }

  @Test
  void answersAreCheckedBeforeTheyCount() {
    var opened = open(ministry, unique("Patch check"), LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(20),
        Map.of("sectors", List.of(sector)));
    String id = (String) opened.getBody().get("id");
    assertThat(detail(respond(clean, id, List.of(Map.of("item", 2, "answer", "YES")), false))).contains("item 2", "evaluated by the hub");
    assertThat(detail(respond(clean, id, List.of(Map.of("item", 1, "answer", "MAYBE")), false))).contains("'answers[0].answer'");
    assertThat(detail(respond(clean, id, List.of(Map.of("item", 9, "answer", "YES")), false))).contains("no item 9");
    assertThat(detail(respond(clean, id, List.of(), true))).contains("items [1]", "not answered");
    var saved = respond(clean, id, List.of(Map.of("item", 1, "answer", "PARTLY")), false).getBody();
    assertThat(organisation(saved, clean)).containsEntry("status", "IN_PROGRESS").containsEntry("compliant", false);
  }

  @Test
  void aCheckDueTomorrowRemindsEachOrganisationOnce() {
    String title = unique("Emergency check");
    open(ministry, title, LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(1), Map.of("sectors", List.of(sector)));
    // The invitation, then one reminder each (both offsets apply at once; one mail).
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsWith(title).size() == 6);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mailsWith(title).size() == 6);
    assertThat(mailsWith(title).stream().filter(m -> subject(m).contains("다시 알림")).map(ChecksTest::recipient))
        .containsExactlyInAnyOrder(exploited.organisation().cisoEmail(), empty.organisation().cisoEmail(),
            clean.organisation().cisoEmail());
  }

  @Test
  void evidenceIsKeptWithItsHashForTheOrganisationAndTheIssuerOnly() throws Exception {
    String id = (String) open(ministry, unique("Evidence check"), LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(20),
        Map.of("sectors", List.of(sector))).getBody().get("id");
    byte[] report = "2026-12-02 patch report: all 14 servers updated".getBytes(StandardCharsets.UTF_8);

    assertThat(upload(clean, id, 1, report).getStatusCode().value()).isEqualTo(204);
    assertThat(detail(upload(clean, id, 2, report))).contains("'file'", "not a question");
    assertThat(upload(outsider, id, 1, report).getStatusCode().value()).isEqualTo(404);

    @SuppressWarnings("unchecked") var first = ((List<Map<String, Object>>) organisation(
        hub.get(ministry.apiKey(), "/api/v1/checks/" + id).getBody(), clean).get("items")).getFirst();
    assertThat(first).containsEntry("evidence", "report.txt").containsEntry("evidenceSha256",
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(report)));
  }

  private ResponseEntity<Map<String, Object>> upload(NewOrganisation as, String id, int item, byte[] content) {
    var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
    parts.add("file", new org.springframework.core.io.ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return "report.txt";
      }
    });
    return hub.http().post().uri("/api/v1/checks/" + id + "/evidence?item=" + item).header("X-Api-Key", as.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private NewOrganisation cisoIn(String sector, String name) {
    return organisations.create(unique(name), unique("ciso") + "@" + unique("org") + ".test", sector, SizeClass.LARGE_COMPANY,
        Role.CISO);
  }

  private ResponseEntity<Map<String, Object>> open(NewOrganisation as, String title, LocalDate due, Object scope) {
    return post(as, Map.of("title", title, "description", "Please confirm **by the due date**.", "dueDate", due.toString(),
        "scope", scope, "items", List.of(Map.of("kind", "QUESTION", "text", "Are all internet-facing systems patched?"),
            Map.of("kind", "NO_KEV_OPEN"), Map.of("kind", "SBOM_FRESH"), Map.of("kind", "NO_CRITICAL_OVERDUE"))));
  }

  private ResponseEntity<Map<String, Object>> post(NewOrganisation as, Map<String, Object> body) {
    return hub.http().post().uri("/api/v1/checks").header("X-Api-Key", as.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(body).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> respond(NewOrganisation as, String id, List<Map<String, Object>> answers,
      boolean submit) {
    return hub.http().post().uri("/api/v1/checks/" + id + "/responses").header("X-Api-Key", as.apiKey())
        .contentType(MediaType.APPLICATION_JSON).body(Map.of("answers", answers, "submit", submit))
        .retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private static String detail(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().is4xxClientError()).as(String.valueOf(response.getBody())).isTrue();
    return (String) response.getBody().get("detail");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> organisation(Map<String, Object> view, NewOrganisation org) {
    return ((List<Map<String, Object>>) view.get("organisations")).stream()
        .filter(o -> o.get("organisation").equals(org.organisation().id().toString())).findFirst().orElseThrow();
  }

  /** Item number to result (an answer or PASS/FAIL). */
  @SuppressWarnings("unchecked")
  private static Map<Integer, Object> results(Map<String, Object> view, NewOrganisation org) {
    var out = new java.util.HashMap<Integer, Object>();
    for (var r : (List<Map<String, Object>>) organisation(view, org).get("items")) out.put((Integer) r.get("item"), r.get("result"));
    return out;
  }

  private List<MimeMessage> mailsWith(String title) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).contains(title)).toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private long checks() {
    return jdbc.sql("SELECT COUNT(*) FROM checks_check").query(Long.class).single();
  }

  private long audited(String action, String id) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = :a AND target LIKE :t")
        .param("a", action).param("t", id + "%").query(Long.class).single();
  }
}
