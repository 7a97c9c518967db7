package io.haetae.server.disclosure;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.haetae.engine.csaf.CsafValidator;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.OpenPgp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing an accepted report (issue 16 part 3): the advisory of the agency's namespace is an
 * advisory like any other (a holder gets a finding, {@code /v1/vulns/{id}} answers), its CSAF
 * document is valid, hashed and signed in the public ROLIE feed; an AMBER one never reaches the
 * public feed nor an anonymous download; a document that fails validation stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  MockMvc mvc;
  HubClient hub;
  Caller reporter;
  Caller operator;
  Caller member;
  NewOrganisation cert;
  NewOrganisation lab;
  NewOrganisation holder;

  @BeforeAll
  void organisations() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    hub = new HubClient(port);
    lab = organisations.create(unique("Research Lab"), unique("ciso") + "@lab.test", unique("research"), SizeClass.SME, Role.CISO);
    cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    holder = organisations.create(unique("Holder"), unique("ciso") + "@holder.test", unique("energy"), false);
    reporter = new Caller(lab.organisation().id(), lab.organisation().name(), unique("reporter") + "@lab.test", Role.REPORTER);
    member = new Caller(lab.organisation().id(), lab.organisation().name(), unique("member") + "@lab.test", Role.MEMBER);
    operator = new Caller(cert.organisation().id(), cert.organisation().name(), unique("op") + "@cert.test", Role.OPERATOR);
  }

  @Test
  void aPublishedReportIsAnAdvisoryLikeAnyOtherAndASignedCsafDocumentInThePublicFeed() throws Exception {
    String pkg = unique("libpublish").toLowerCase();
    String project = hub.upload(holder.apiKey(), unique("gateway"), "1", sbom(pkg, "1.0.0"));
    String report = accepted(pkg, "clear");

    var published = publish(report, "{\"tlp\": \"CLEAR\", \"cve\": \"CVE-2026-49152\"}");
    assertThat(published.getStatus()).as(published.getContentAsString()).isEqualTo(201);
    var answer = JSON.readTree(published.getContentAsString());
    String id = answer.get("id").asString();
    assertThat(id).matches("KR-HAETAE-20\\d\\d-\\d{4}");
    String csafUrl = answer.get("csaf").asString();
    String path = csafUrl.substring(csafUrl.indexOf("/.well-known/"));
    assertThat(path).isEqualTo("/.well-known/csaf/white/" + id.substring(10, 14) + "/" + id.toLowerCase() + ".json");

    // Matching: the holder of pkg 1.0.0 gets a finding; the OSV API answers anyone.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(hub.getText(holder.apiKey(), "/api/v1/finding/project/" + project).getBody()).contains(id));
    var osv = hub.getText(null, "/v1/vulns/" + id);
    assertThat(osv.getStatusCode().value()).isEqualTo(200);
    assertThat(osv.getBody()).contains("\"id\":\"" + id + "\"", pkg, "\"fixed\":\"1.2.0\"", "CVE-2026-49152");

    // The CSAF provider, anonymously: metadata, feed, document, hashes, signature.
    var metadata = JSON.readTree(hub.getText(null, "/.well-known/csaf/provider-metadata.json").getBody());
    assertThat(metadata.get("role").asString()).isEqualTo("csaf_trusted_provider");
    assertThat(metadata.at("/publisher/category").asString()).isEqualTo("coordinator");
    String keyUrl = metadata.at("/public_openpgp_keys/0/url").asString();
    String fingerprint = metadata.at("/public_openpgp_keys/0/fingerprint").asString();
    var feed = hub.getText(null, "/.well-known/csaf/white/feed-tlp-white.json").getBody();
    assertThat(feed).contains("\"id\":\"" + id + "\"", csafUrl, csafUrl + ".asc", csafUrl + ".sha512");
    assertThat(hub.getText(null, "/.well-known/csaf/clear/feed-tlp-clear.json").getBody()).isEqualTo(feed);
    assertThat(hub.getText(null, "/.well-known/csaf/white/index.txt").getBody()).contains(path.substring("/.well-known/csaf/white/".length()));
    assertThat(hub.getText(null, "/.well-known/csaf/white/changes.csv").getBody()).contains("\"" + path.substring(24) + "\",\"");

    byte[] document = hub.http().get().uri(path).retrieve().body(byte[].class);
    assertThat(CsafValidator.validate(new String(document, StandardCharsets.UTF_8))).isEmpty();
    var csaf = JSON.readTree(document);
    assertThat(csaf.at("/document/tracking/id").asString()).isEqualTo(id);
    assertThat(csaf.at("/document/distribution/tlp/label").asString()).isEqualTo("WHITE");
    assertThat(csaf.at("/vulnerabilities/0/cve").asString()).isEqualTo("CVE-2026-49152");
    assertThat(hub.getText(null, path + ".sha256").getBody()).startsWith(hex("SHA-256", document) + "  " + id.toLowerCase() + ".json");
    assertThat(hub.getText(null, path + ".sha512").getBody()).startsWith(hex("SHA-512", document));
    String signature = hub.getText(null, path + ".asc").getBody();
    String publicKey = hub.getText(null, keyUrl.substring(keyUrl.indexOf("/.well-known/"))).getBody();
    assertThat(HexFormat.of().formatHex(OpenPgp.publicKey(publicKey).getPublicKey().getFingerprint())).isEqualToIgnoringCase(fingerprint);
    assertThat(OpenPgp.verifies(signature, publicKey, document)).isTrue();
    assertThat(OpenPgp.verifies(signature, publicKey, "tampered".getBytes(StandardCharsets.UTF_8))).isFalse();

    // The CVE JSON 5 record a CNA submits.
    var cve = JSON.readTree(read(operator, "/api/v1/reports/" + report + "/cve.json").getContentAsString());
    assertThat(cve.at("/cveMetadata/cveId").asString()).isEqualTo("CVE-2026-49152");
    assertThat(cve.at("/containers/cna/affected/0/packageName").asString()).isEqualTo(pkg);
    assertThat(cve.at("/containers/cna/affected/0/versions/0/lessThan").asString()).isEqualTo("1.2.0");
    assertThat(cve.at("/containers/cna/metrics/0/cvssV3_1/baseScore").asDouble()).isEqualTo(9.8);
    assertThat(cve.at("/containers/cna/problemTypes/0/descriptions/0/cweId").asString()).isEqualTo("CWE-787");

    // The timeline and the audit say who published what.
    assertThat(read(operator, "/api/v1/reports/" + report + "/timeline").getContentAsString()).contains("PUBLISHED", id);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'report.publish' AND target LIKE :t")
        .param("t", "report " + report + "%").query(Long.class).single()).isEqualTo(1);
    // Once only.
    var again = publish(report, "{}");
    assertThat(again.getStatus()).isEqualTo(409);
    assertThat(again.getContentAsString()).contains("already published as " + id);
  }

  @Test
  void theProviderMetadataValidatesAgainstTheOasisProviderSchema() throws Exception {
    // The provider schema is not in the npm package the CSAF schema came from: the OASIS copy in ../shared.
    var schemas = java.nio.file.Path.of(System.getProperty("haetae.shared", "../../shared"), "corpora/csaf/oasis-tcs-csaf/csaf_2.0_errata_01");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(schemas), "shared corpora not present");
    var texts = java.util.Map.of(
        "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json", java.nio.file.Files.readString(schemas.resolve("provider_json_schema.json")),
        "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", java.nio.file.Files.readString(schemas.resolve("csaf_json_schema.json")));
    var schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(texts::get)).getSchema(com.networknt.schema.SchemaLocation.of("https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json"));
    String metadata = hub.getText(null, "/.well-known/csaf/provider-metadata.json").getBody();
    assertThat(schema.validate(metadata, com.networknt.schema.InputFormat.JSON)).isEmpty();
    // A broken copy fails, so the check is real.
    assertThat(schema.validate(metadata.replace("csaf_trusted_provider", "csaf_anything"), com.networknt.schema.InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void anAmberDocumentIsNeverInThePublicFeedNorDownloadableAnonymously() throws Exception {
    String pkg = unique("libamber").toLowerCase();
    String report = accepted(pkg, null);
    var published = publish(report, "{\"tlp\": \"AMBER\"}");
    assertThat(published.getStatus()).as(published.getContentAsString()).isEqualTo(201);
    var answer = JSON.readTree(published.getContentAsString());
    String id = answer.get("id").asString();
    String csafUrl = answer.get("csaf").asString();
    String path = csafUrl.substring(csafUrl.indexOf("/.well-known/"));
    assertThat(path).startsWith("/.well-known/csaf/amber/");
    String file = path.substring(path.lastIndexOf('/') + 1);
    String year = path.split("/")[4];

    for (String feed : List.of("/.well-known/csaf/white/feed-tlp-white.json", "/.well-known/csaf/white/index.txt",
        "/.well-known/csaf/white/changes.csv")) {
      assertThat(java.util.Objects.toString(hub.getText(null, feed).getBody(), "")).as(feed).doesNotContain(id, file, pkg);
    }
    for (String suffix : List.of("", ".sha256", ".sha512", ".asc")) {
      assertThat(hub.getText(null, path + suffix).getStatusCode().value()).as(path + suffix).isEqualTo(404);
      assertThat(hub.getText(null, "/.well-known/csaf/white/" + year + "/" + file + suffix).getStatusCode().value()).isEqualTo(404);
    }
    assertThat(hub.getText(null, "/.well-known/csaf/amber/feed-tlp-amber.json").getStatusCode().value()).isEqualTo(401);
    assertThat(hub.getText(null, "/v1/vulns/" + id).getStatusCode().value()).isEqualTo(404);

    // An organisation outside the audience: not in its AMBER feed, a 404 for the document.
    var outsider = organisations.create(unique("Outsider"), unique("ciso") + "@out.test", unique("retail"), false);
    assertThat(hub.getText(outsider.apiKey(), "/.well-known/csaf/amber/feed-tlp-amber.json").getBody()).doesNotContain(id);
    assertThat(hub.getText(outsider.apiKey(), path).getStatusCode().value()).isEqualTo(404);

    // Its audience reads both: the national operator and the reporting organisation.
    assertThat(hub.getText(cert.apiKey(), "/.well-known/csaf/amber/feed-tlp-amber.json").getBody()).contains(id, csafUrl);
    var document = hub.getText(cert.apiKey(), path);
    assertThat(document.getStatusCode().value()).isEqualTo(200);
    assertThat(JSON.readTree(document.getBody()).at("/document/distribution/tlp/label").asString()).isEqualTo("AMBER");
    assertThat(hub.getText(lab.apiKey(), path).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void aDocumentThatFailsValidationIsRefusedNamingTheTestAndNothingIsStored() throws Exception {
    String pkg = unique("libinvalid").toLowerCase();
    String report = accepted(pkg, "clear");
    long advisories = jdbc.sql("SELECT COUNT(*) FROM knowledge_advisory").query(Long.class).single();

    var refused = publish(report, "{\"cve\": \"CVE-26-1\"}");
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString()).contains("schema at '/vulnerabilities/0/cve'", "\"test\":\"schema\"");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_advisory WHERE report_id = :r").param("r", java.util.UUID.fromString(report))
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM knowledge_advisory").query(Long.class).single()).isEqualTo(advisories);
    assertThat(read(operator, "/api/v1/reports/" + report + "/timeline").getContentAsString()).doesNotContain("PUBLISHED");
    assertThat(java.util.Objects.toString(hub.getText(null, "/.well-known/csaf/white/index.txt").getBody(), "")).doesNotContain(pkg);

    // Fixed, it publishes.
    assertThat(publish(report, "{\"cve\": \"CVE-2026-1000001\"}").getStatus()).isEqualTo(201);
  }

  @Test
  void onlyAnAnalystPublishesAndOnlyAnAcceptedReport() throws Exception {
    var created = submit(body(unique("libearly").toLowerCase(), "clear"));
    String report = JSON.readTree(created.getContentAsString()).get("id").asString();
    var early = publish(report, "{}");
    assertThat(early.getStatus()).isEqualTo(409);
    assertThat(early.getContentAsString()).contains("is RECEIVED: only an ACCEPTED report is published");
    var byMember = mvc.perform(post("/api/v1/reports/" + report + "/publish").with(as(member))
        .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse();
    assertThat(byMember.getStatus()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_advisory WHERE report_id = :r").param("r", java.util.UUID.fromString(report))
        .query(Long.class).single()).isZero();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A report of pkg (npm, affected below 1.2.0), moved by the operator to ACCEPTED. */
  private String accepted(String pkg, String tlp) throws Exception {
    var created = submit(body(pkg, tlp));
    assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
    String id = JSON.readTree(created.getContentAsString()).get("id").asString();
    for (String state : List.of("VALID", "ACCEPTED")) {
      var moved = mvc.perform(post("/api/v1/reports/" + id + "/transition").with(as(operator)).contentType(MediaType.APPLICATION_JSON)
          .content("{\"state\": \"" + state + "\"}")).andReturn().getResponse();
      assertThat(moved.getStatus()).as(moved.getContentAsString()).isEqualTo(200);
    }
    return id;
  }

  private static String body(String pkg, String tlp) {
    return "{\"title\": \"Heap overflow in " + pkg + "\", \"description\": \"A crafted header overflows the parser (CWE-787).\","
        + " \"package\": {\"purl\": \"pkg:npm/" + pkg + "\"},"
        + " \"affectedVersions\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"1.2.0\"}]}],"
        + " \"fixedVersion\": \"1.2.0\", \"cvssVector\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
        + " \"references\": [\"https://example.org/advisory\"]" + (tlp == null ? "" : ", \"tlp\": \"" + tlp + "\"") + "}";
  }

  private static byte[] sbom(String pkg, String version) {
    return ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1, \"components\": [{\"type\": \"library\","
        + " \"name\": \"" + pkg + "\", \"version\": \"" + version + "\", \"purl\": \"pkg:npm/" + pkg + "@" + version + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private MockHttpServletResponse submit(String json) throws Exception {
    return mvc.perform(post("/api/v1/reports").with(as(reporter)).contentType(MediaType.APPLICATION_JSON).content(json))
        .andReturn().getResponse();
  }

  private MockHttpServletResponse publish(String report, String json) throws Exception {
    return mvc.perform(post("/api/v1/reports/" + report + "/publish").with(as(operator)).contentType(MediaType.APPLICATION_JSON)
        .content(json)).andReturn().getResponse();
  }

  private MockHttpServletResponse read(Caller caller, String path) throws Exception {
    return mvc.perform(get(path).with(as(caller))).andReturn().getResponse();
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

}
