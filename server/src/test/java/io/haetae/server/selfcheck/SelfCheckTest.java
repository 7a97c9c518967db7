package io.haetae.server.selfcheck;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public self-check as a visitor and an organisation use it over HTTP: the questionnaire,
 * a check grounded in a real lockfile matched against real lodash advisories (the evidence caps
 * the "we apply updates promptly" answer), the stored result by its unguessable id, hostile
 * uploads refused with a 400 naming the problem, the saved history, the anonymous national
 * picture, and the per-address throttle (last, as it empties this address's bucket).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "haetae.self-check.per-minute=40", "haetae.self-check.uploads.max-file=256KB",
    "haetae.self-check.uploads.zip-entries=50"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfCheckTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired AdvisoryImporter importer;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  HubClient hub;

  @BeforeAll
  void setUp() {
    importer.importOsv(file("fixtures/selfcheck/lodash-advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    hub = new HubClient(port);
  }

  @Test
  @Order(1)
  void theQuestionnaireIsThirtyToFortyQuestionsOnTheSixFunctionsInKoreanAndEnglish() {
    var en = hub.get(null, "/api/v1/self-check/questions?lang=en").getBody();
    var ko = hub.get(null, "/api/v1/self-check/questions").getBody();
    List<Map<String, Object>> questions = list(en.get("questions"));
    assertThat(questions).hasSizeBetween(30, 40);
    assertThat(questions).extracting(q -> q.get("function")).containsOnly("GV", "ID", "PR", "DE", "RS", "RC");
    assertThat(questions.getFirst()).containsKeys("id", "function", "text", "help", "answers", "csf");
    assertThat(questions.getFirst().get("answers")).isEqualTo(List.of("yes", "partly", "no", "na", "unknown"));
    assertThat(questions).filteredOn(q -> q.get("id").equals("PR-6")).singleElement()
        .satisfies(q -> assertThat(q).containsEntry("csf", "PR.PS-02").containsEntry("ismsp", "2.10.8")
            .containsEntry("cpg", "1.E"));
    assertThat(String.valueOf(list(ko.get("questions")).getFirst().get("text"))).containsPattern("[가-힣]");
    // A micro business is not asked what only larger ones are.
    int micro = list(hub.get(null, "/api/v1/self-check/questions?size=micro").getBody().get("questions")).size();
    int large = list(hub.get(null, "/api/v1/self-check/questions?size=large").getBody().get("questions")).size();
    assertThat(micro).isLessThan(large);
    assertThat(large).isEqualTo(questions.size());
  }

  @Test
  @Order(2)
  void aLockfileWithAVulnerableLodashGivesTheUpgradeAndCapsTheUpdatesAnswer() {
    var response = check(allYes(), "en", "small", null, null,
        upload("package-lock.json", bytes("fixtures/selfcheck/shop-front/package-lock.json")));
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    var r = response.getBody();
    assertThat(String.valueOf(r.get("id"))).matches("[A-Za-z0-9_-]{22}");
    assertThat(list(r.get("findings"))).isNotEmpty().allSatisfy(f -> {
      assertThat(map(f.get("component"))).containsEntry("name", "lodash").containsEntry("version", "4.17.15");
      assertThat(f).containsEntry("upgradeTo", "4.17.21").containsKey("priority");
    });
    assertThat(list(r.get("findings"))).extracting(f -> map(f.get("vulnerability")).get("vulnId"))
        .contains("GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw", "GHSA-29mw-wpgm-hmr9");
    // The urgent questions come first (PR-6 among them, lowered by the evidence), then this upgrade.
    var actions = list(r.get("actions"));
    assertThat(actions.getFirst()).containsEntry("id", "PR-6").containsEntry("priority", "urgent");
    var upgrade = actions.get(1);
    assertThat(upgrade.get("steps")).isEqualTo(List.of("upgrade lodash from 4.17.15 to 4.17.21"));
    assertThat(upgrade).containsEntry("priority", "high").containsEntry("cost", "free").containsKeys("title", "why", "effort");
    assertThat(String.valueOf(upgrade.get("why"))).contains("GHSA-35jh-r3h4-6jhm / CVE-2021-23337 (HIGH 7.2");
    // High findings open: "we apply updates promptly" counts at most as partly, and says why.
    assertThat(list(r.get("adjustments"))).anySatisfy(a -> assertThat(a).containsEntry("question", "PR-6")
        .containsEntry("answered", "yes").containsEntry("counted", "partly"));
    assertThat(list(list(r.get("evidence")).getFirst().get("rules"))).anySatisfy(rule ->
        assertThat(String.valueOf(rule.get("why"))).contains("lodash 4.17.15").contains("at most as partly"));
    assertThat(((Number) r.get("score")).intValue()).isBetween(80, 99);
    assertThat(list(r.get("functions"))).hasSize(6);
    assertThat(map(r.get("level"))).containsKeys("id", "name", "meaning");
  }

  @Test
  @Order(3)
  void aCriticalFindingMakesTheUpdatesAnswerCountAsNoAndItsActionUrgent() {
    var r = check(allYes(), "ko", null, null, null,
        upload("package-lock.json", bytes("fixtures/selfcheck/old-shop/package-lock.json"))).getBody();
    assertThat(list(r.get("adjustments"))).anySatisfy(a -> assertThat(a).containsEntry("question", "PR-6")
        .containsEntry("counted", "no"));
    var actions = list(r.get("actions"));
    assertThat(actions.getFirst()).containsEntry("priority", "urgent");
    assertThat(actions.getFirst().get("steps")).isEqualTo(List.of("lodash를 4.17.11에서 4.17.21로 업그레이드하세요"));
    assertThat(actions).anySatisfy(a -> assertThat(a).containsEntry("id", "PR-6").containsEntry("priority", "urgent"));
  }

  @Test
  @Order(3)
  void aZipOfAProjectFolderAndAnSbomAreEvidenceToo() throws Exception {
    byte[] lock = bytes("fixtures/selfcheck/shop-front/package-lock.json");
    // node_modules holds installed packages' own lockfiles: they describe them, not this project.
    var folder = zip(Map.of("shop-front/package-lock.json", lock,
        "shop-front/node_modules/lodash/package-lock.json", bytes("fixtures/selfcheck/old-shop/package-lock.json"),
        "shop-front/README.md", "# shop".getBytes(StandardCharsets.UTF_8)));
    var r = check(allYes(), "en", null, null, null, upload("shop-front.zip", folder)).getBody();
    assertThat(list(r.get("findings"))).isNotEmpty()
        .allSatisfy(f -> assertThat(map(f.get("component"))).containsEntry("version", "4.17.15"));
    var sbom = check(allYes(), "en", null, null, null, upload("bom.json", bytes("fixtures/sbom/billing-portal.cdx.json")))
        .getBody();
    assertThat(((Number) map(list(sbom.get("evidence")).getFirst()).get("components")).intValue()).isPositive();
  }

  @Test
  @Order(4)
  void theResultComesBackByItsIdAsJsonPageAndPdfAndOtherIdsAre404() {
    var r = check(Map.of("PR-2", "no"), "en", null, null, null).getBody();
    String id = String.valueOf(r.get("id"));
    assertThat(hub.get(null, "/api/v1/self-check/" + id + "?lang=en").getBody()).containsEntry("score", r.get("score"));
    var page = hub.getText(null, "/self-check/" + id + "?lang=en");
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("Turn on two-step verification");
    ResponseEntity<byte[]> pdf = hub.http().get().uri("/self-check/" + id + "/report.pdf").retrieve().toEntity(byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(hub.getText(null, "/self-check/AAAAAAAAAAAAAAAAAAAAAA").getStatusCode().value()).isEqualTo(404);
    assertThat(hub.getText(null, "/self-check/AAAAAAAAAAAAAAAAAAAAAA/report.pdf").getStatusCode().value()).isEqualTo(404);
    assertThat(hub.get(null, "/api/v1/self-check/nope").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void hostileUploadsAre400NamingTheProblem() throws Exception {
    assertRefused(upload("package-lock.json", new byte[300 * 1024]), "package-lock.json: larger than 0 MB per file");
    assertRefused(upload("project.zip", zip(Map.of("app/package-lock.json", new byte[20 * 1024 * 1024]))),
        "project.zip: expands more than 100 times its size; an archive bomb is refused");
    assertRefused(upload("project.zip", zip(Map.of("../../etc/package-lock.json", "{}".getBytes()))),
        "project.zip: zip entry '../../etc/package-lock.json' points outside the folder; refused");
    var many = new LinkedHashMap<String, byte[]>();
    for (int i = 0; i < 60; i++) many.put("f" + i + ".txt", new byte[] {1});
    assertRefused(upload("project.zip", zip(many)), "project.zip: more than 50 entries in the zip");
    assertRefused(upload("package-lock.json", bytes("fixtures/selfcheck/broken-package-lock.json")), "package-lock.json");
    var broken = check(allYes(), "en", null, null, null,
        upload("package-lock.json", bytes("fixtures/selfcheck/broken-package-lock.json")));
    assertThat(String.valueOf(broken.getBody().get("detail"))).containsPattern("line \\d+");
    assertRefused(upload("notes.txt", "hello".getBytes()), "notes.txt: neither a lockfile");
    assertThat(check(Map.of("XX-1", "yes"), "en", null, null, null).getBody().get("detail"))
        .isEqualTo("'answers': no question 'XX-1' in questionnaire v1");
    assertThat(check(Map.of("PR-1", "maybe"), "en", null, null, null).getStatusCode().value()).isEqualTo(400);
    // Nothing of a refused check is stored.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM selfcheck_result WHERE answers LIKE '%maybe%'").query(Long.class).single())
        .isZero();
  }

  @Test
  @Order(6)
  void anOrganisationSavesItsChecksAndOperatorsSeeOnlyAnonymousAggregatesOfTheirScope() {
    NewOrganisation shop = organisations.create(unique("Shop"), unique("ciso") + "@shop.test", "retail", false);
    var saved = check(allYes(), "en", "micro", "retail", shop.apiKey(),
        upload("package-lock.json", bytes("fixtures/selfcheck/shop-front/package-lock.json"))).getBody();
    check(Map.of("PR-1", "no"), "en", "micro", "retail", shop.apiKey());
    List<Map<String, Object>> history = hub.http().get().uri("/api/v1/self-checks").header("X-Api-Key", shop.apiKey())
        .retrieve().body(new ParameterizedTypeReference<>() {});
    assertThat(history).hasSize(2).first().satisfies(e -> assertThat(e).containsEntry("id", saved.get("id")));

    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    var picture = hub.get(cert.apiKey(), "/api/v1/self-checks/national").getBody();
    assertThat(((Number) picture.get("checks")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(list(picture.get("packages"))).anySatisfy(p -> assertThat(p).containsEntry("key", "pkg:npm/lodash"));
    assertThat(list(picture.get("gaps"))).anySatisfy(g -> assertThat(g).containsEntry("question", "PR-1"));
    assertThat(picture.toString()).doesNotContain(String.valueOf(saved.get("id")));

    NewOrganisation ministry = organisations.create(unique("Ministry"), unique("mo") + "@ministry.test", "energy",
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    organisations.superviseSector("energy", "Energy", ministry.organisation().id());
    var energy = hub.get(ministry.apiKey(), "/api/v1/self-checks/national").getBody();
    assertThat(list(energy.get("packages"))).noneSatisfy(p -> assertThat(p).containsEntry("key", "pkg:npm/lodash"));
    assertThat(hub.get(shop.apiKey(), "/api/v1/self-checks/national").getStatusCode().value()).isEqualTo(403);
  }

  @Test
  @Order(99)
  void eachAddressIsThrottledWith429() {
    int status = 0;
    for (int i = 0; i < 60 && status != 429; i++) {
      status = hub.getText(null, "/self-check/AAAAAAAAAAAAAAAAAAAAAA/report.pdf").getStatusCode().value();
    }
    assertThat(status).isEqualTo(429);
    var api = check(allYes(), "en", null, null, null);
    assertThat(api.getStatusCode().value()).isEqualTo(429);
    assertThat(api.getHeaders().getContentType().toString()).contains("problem+json");
  }

  // ---- helpers

  private void assertRefused(ByteArrayResource file, String detail) {
    var response = check(allYes(), "en", null, null, null, file);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(String.valueOf(response.getBody().get("detail"))).startsWith(detail);
  }

  private Map<String, String> allYes() {
    var answers = new LinkedHashMap<String, String>();
    for (var q : list(hub.get(null, "/api/v1/self-check/questions").getBody().get("questions"))) {
      answers.put(String.valueOf(q.get("id")), "yes");
    }
    return answers;
  }

  private ResponseEntity<Map<String, Object>> check(Map<String, String> answers, String lang, String size, String sector,
      String apiKey, ByteArrayResource... files) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("answers", JsonMapper.builder().build().writeValueAsString(answers));
    form.add("lang", lang);
    if (size != null) form.add("size", size);
    if (sector != null) form.add("sector", sector);
    for (var f : files) form.add("files", f);
    var spec = hub.http().post().uri("/api/v1/self-check").contentType(MediaType.MULTIPART_FORM_DATA);
    if (apiKey != null) spec = spec.header("X-Api-Key", apiKey);
    return spec.body(form).retrieve().toEntity(new ParameterizedTypeReference<>() {});
  }

  private static ByteArrayResource upload(String name, byte[] content) {
    return new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private static byte[] zip(Map<String, byte[]> entries) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(out)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
