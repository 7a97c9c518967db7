package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.TestSmtp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Sign-in, second factor, throttling, lockout, keys, invitations and the audit log, through the
 * hub's real filter chains. Requests that must come from a distinct client address go through
 * MockMvc, which lets the test choose it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessControlTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @LocalServerPort int port;
  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired AuthThrottle throttle;
  @Autowired JdbcClient jdbc;

  MockMvc mvc;
  HubClient hub;

  @BeforeEach
  void connect() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    hub = new HubClient(port);
  }

  @Test
  void sbomUploadIsAuditedAndTheLogIsForOperatorsOnly() throws Exception {
    NewOrganisation org = organisations.create(unique("Audited"), unique("ciso") + "@audited.test", "energy", false);
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    hub.upload(org.apiKey(), unique("billing"), "1.0", bytes("fixtures/sbom/billing-portal.cdx.json"));

    var entries = hub.http().get().uri("/api/v1/audit?action=sbom.upload").header("X-Api-Key", cert.apiKey())
        .retrieve().body(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {});
    assertThat(entries).anySatisfy(e -> {
      assertThat(e).containsOnlyKeys("at", "actor", "organisation", "organisationId", "action", "target", "from");
      assertThat(e).containsEntry("organisation", org.organisation().name())
          .containsEntry("organisationId", org.organisation().id().toString()).containsEntry("action", "sbom.upload")
          .containsEntry("from", "127.0.0.1");
      assertThat((String) e.get("actor")).startsWith("api-key " + org.apiKey().substring(0, 8));
      assertThat(Instant.parse((String) e.get("at"))).isAfter(Instant.now().minusSeconds(120));
    });
    assertThat(hub.getText(org.apiKey(), "/api/v1/audit").getStatusCode().value()).isEqualTo(403);
    var csv = hub.getText(cert.apiKey(), "/api/v1/audit.csv?action=sbom.upload");
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody()).startsWith("at,actor,organisation,organisation_id,action,target,from\r\n")
        .contains("\"" + org.organisation().name() + "\",\"" + org.organisation().id() + "\"");
    // The refusal above was itself recorded.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'access.refused' AND org_id = :o AND target = 'GET /api/v1/audit'")
        .param("o", org.organisation().id()).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void auditLogHasNoPathThatChangesOrRemovesAnEntry() throws Exception {
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main"))) {
      var offending = files.filter(java.nio.file.Files::isRegularFile).filter(p -> {
        try {
          String text = java.nio.file.Files.readString(p).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
          return text.contains("update identity_audit") || text.contains("delete from identity_audit")
              || text.contains("truncate identity_audit") || text.contains("drop table identity_audit");
        } catch (java.io.IOException e) {
          return false;
        }
      }).toList();
      assertThat(offending).isEmpty();
    }
  }

  @Test
  void wrongKeysFromASharedAddressNeverRefuseAValidKeyAndGuessingBeyondTheBoundIsThrottled() throws Exception {
    // A CI runner shared by many organisations: one of them sends 50 wrong keys.
    NewOrganisation org = organisations.create(unique("Keyed"), unique("ciso") + "@keyed.test", "energy", false);
    String address = "10.7." + (int) (Math.random() * 250) + ".9";
    var statuses = new java.util.ArrayList<Integer>();
    for (int i = 0; i < 50; i++) {
      var r = mvc.perform(get("/api/v1/project").header("X-Api-Key", "hae_wrong" + i).with(from(address))).andReturn();
      statuses.add(r.getResponse().getStatus());
      if (r.getResponse().getStatus() == 429) assertThat(r.getResponse().getHeader("Retry-After")).isNotBlank();
    }
    // The first 30 failures (haetae.security.failed-auth-per-address) are told 401; guessing beyond is throttled.
    assertThat(statuses.subList(0, 30)).containsOnly(401);
    assertThat(statuses.subList(30, 50)).containsOnly(429);
    // Another organisation's valid key from the same address is accepted.
    var valid = mvc.perform(get("/api/v1/project").header("X-Api-Key", org.apiKey()).with(from(address))).andReturn();
    assertThat(valid.getResponse().getStatus()).isEqualTo(200);
    // So is a correct password from that address, while a wrong one is throttled.
    var right = mvc.perform(post("/login").param("username", org.organisation().cisoEmail()).param("password", org.cisoPassword())
        .with(csrf()).with(from(address))).andReturn();
    assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/");
    var wrong = mvc.perform(post("/login").param("username", org.organisation().cisoEmail()).param("password", "not it at all")
        .with(csrf()).with(from(address))).andReturn();
    assertThat(wrong.getResponse().getStatus()).isEqualTo(429);
    assertThat(auditCount("api-key.rejected", address)).isEqualTo(50);
    assertThat(auditCount("auth.throttled", address)).isEqualTo(20);
  }

  @Test
  void anAccountUnderAttackRefusesTheAttackersButLetsItsOwnerInFromElsewhere() throws Exception {
    NewOrganisation org = organisations.create(unique("Attacked"), unique("ciso") + "@attacked.test", "energy", false);
    String email = org.organisation().cisoEmail();
    String subnet = "10.9." + (int) (Math.random() * 250) + ".";
    for (int i = 0; i < 10; i++) {
      var r = mvc.perform(post("/login").param("username", email).param("password", "wrong password " + i)
          .with(csrf()).with(from(subnet + i))).andReturn();
      assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }
    // An address that failed for the account backs off: even the right password is not looked at there.
    var fromAttacker = mvc.perform(post("/login").param("username", email).param("password", org.cisoPassword())
        .with(csrf()).with(from(subnet + "3"))).andReturn();
    assertThat(fromAttacker.getResponse().getStatus()).isEqualTo(429);
    // The owner, from an address that has not failed, signs in: nobody can lock an account by failing on purpose.
    var owner = mvc.perform(post("/login").param("username", email).param("password", org.cisoPassword())
        .with(csrf()).with(from("10.19.2.1"))).andReturn();
    assertThat(owner.getResponse().getRedirectedUrl()).isEqualTo("/");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'sign-in.failed' AND actor = :e")
        .param("e", email).query(Long.class).single()).isEqualTo(10);
  }

  @Test
  void cisoSignsInWithPasswordAloneAndTheSignInIsAudited() throws Exception {
    NewOrganisation org = organisations.create(unique("Plain"), unique("ciso") + "@plain.test", "energy", false);
    var r = mvc.perform(post("/login").param("username", org.organisation().cisoEmail()).param("password", org.cisoPassword())
        .with(csrf()).with(from("10.10.0.1"))).andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
    var session = (MockHttpSession) r.getRequest().getSession();
    assertThat(mvc.perform(get("/org").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
    assertThat(mvc.perform(get("/national").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
    assertThat(auditCount("sign-in", "10.10.0.1")).isEqualTo(1);
  }

  @Test
  void aSessionFollowsTheStoreARoleChangeTakesEffectAtOnceAndARemovedUserIsSignedOut() throws Exception {
    NewOrganisation org = organisations.create(unique("Session"), unique("ciso") + "@session.test", "energy", false);
    String email = org.organisation().cisoEmail();
    var r = mvc.perform(post("/login").param("username", email).param("password", org.cisoPassword())
        .with(csrf()).with(from("10.15.0.1"))).andReturn();
    var session = (MockHttpSession) r.getRequest().getSession();
    assertThat(mvc.perform(get("/org/members").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);

    // Another CISO of the organisation makes this one a read-only member.
    jdbc.sql("UPDATE identity_user SET role = 'MEMBER' WHERE email = :e").param("e", email).update();
    assertThat(mvc.perform(get("/org/members").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
    assertThat(mvc.perform(get("/org").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);

    jdbc.sql("DELETE FROM identity_user WHERE email = :e").param("e", email).update();
    var after = mvc.perform(get("/org").session(session)).andReturn().getResponse();
    assertThat(after.getStatus()).isEqualTo(302);
    assertThat(after.getRedirectedUrl()).endsWith("/login");
  }

  @Test
  void operatorNeedsATotpCodeAndEachCodeWorksOnce() throws Exception {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    String email = cert.organisation().cisoEmail();
    MockHttpSession session = passwordSignIn(email, cert.cisoPassword(), "10.11.0.1");
    assertThat(mvc.perform(get("/national").session(session)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
    assertThat(mvc.perform(get("/api/v1/audit").session(session)).andReturn().getResponse().getStatus()).isEqualTo(401);

    String page = mvc.perform(get("/login/totp").session(session)).andReturn().getResponse().getContentAsString();
    var secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
    assertThat(secret.find()).isTrue();
    assertThat(page).contains("otpauth://totp/Haetae:");
    var wrong = mvc.perform(post("/login/totp").param("code", "000000").session(session).with(csrf()).with(from("10.11.0.1"))).andReturn();
    assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login/totp?error");

    String code = Totp.code(secret.group(1), Instant.now().getEpochSecond());
    var ok = mvc.perform(post("/login/totp").param("code", code).session(session).with(csrf()).with(from("10.11.0.1"))).andReturn();
    assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/");
    assertThat(mvc.perform(get("/national").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);

    // The same code again, in a new sign-in: refused (RFC 6238 section 5.2).
    MockHttpSession second = passwordSignIn(email, cert.cisoPassword(), "10.11.0.2");
    String enrolled = mvc.perform(get("/login/totp").session(second)).andReturn().getResponse().getContentAsString();
    assertThat(enrolled).doesNotContain("totp-secret");
    var replay = mvc.perform(post("/login/totp").param("code", code).session(second).with(csrf()).with(from("10.11.0.2"))).andReturn();
    assertThat(replay.getResponse().getRedirectedUrl()).isEqualTo("/login/totp?error");
    assertThat(auditCount("sign-in.totp-failed", "10.11.0.2")).isEqualTo(1);
  }

  @Test
  void keysAreShownOnceStoredHashedRecordLastUseAndCanBeRevoked() throws Exception {
    NewOrganisation org = organisations.create(unique("Keys"), unique("ciso") + "@keys.test", "energy", false);
    Caller ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    var created = mvc.perform(post("/org/keys").param("name", "jenkins").param("role", "MEMBER").with(as(ciso)).with(csrf())).andReturn();
    String key = (String) created.getFlashMap().get("newKey");
    assertThat(key).startsWith("hae_").hasSize(44);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_api_key WHERE key_hash = :h AND name = 'jenkins' AND role = 'MEMBER'")
        .param("h", Secrets.sha256(key)).query(Long.class).single()).isEqualTo(1);
    assertThat(mvc.perform(get("/org/keys").with(as(ciso))).andReturn().getResponse().getContentAsString())
        .doesNotContain(key).contains(key.substring(0, 8)).contains("사용 안 함");

    assertThat(hub.getText(key, "/api/v1/project").getStatusCode().value()).isEqualTo(200);
    assertThat(hub.putBom(key, "ci-project", "1", bytes("fixtures/sbom/billing-portal.cdx.json")).getStatusCode().value())
        .as("a MEMBER key reads, never writes").isEqualTo(403);
    assertThat(jdbc.sql("SELECT last_used_at FROM identity_api_key WHERE key_hash = :h").param("h", Secrets.sha256(key))
        .query(java.time.OffsetDateTime.class).single()).isNotNull();

    String id = jdbc.sql("SELECT id FROM identity_api_key WHERE key_hash = :h").param("h", Secrets.sha256(key)).query(String.class).single();
    var revoked = mvc.perform(post("/org/keys/" + id + "/revoke").with(as(ciso)).with(csrf())).andReturn();
    assertThat(revoked.getResponse().getRedirectedUrl()).isEqualTo("/org/keys");
    assertThat(hub.getText(key, "/api/v1/project").getStatusCode().value()).isEqualTo(401);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE org_id = :o AND action IN ('api-key.create', 'api-key.revoke')")
        .param("o", org.organisation().id()).query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void operatorCreatesAnOrganisationAndItsCisoSetsAPasswordThroughTheMailedLinkOnce() throws Exception {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    Caller operator = new Caller(cert.organisation().id(), cert.organisation().name(), cert.organisation().cisoEmail(), Role.OPERATOR);
    String name = unique("Invited Water");
    String email = unique("ciso") + "@water.test";
    var created = mvc.perform(post("/admin/organisations").param("name", name).param("sector", "water")
        .param("sizeClass", "SME").param("email", email).param("role", "CISO").with(as(operator)).with(csrf())).andReturn();
    assertThat(created.getFlashMap().get("created")).isEqualTo(name);
    assertThat((String) created.getFlashMap().get("invitedLink")).contains("/invitation/inv_");

    // The mail is queued (event publication registry) and sent once the invitation is stored.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
        .until(() -> Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> recipient(m).equals(email)));
    var message = Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
    assertThat(message.getSubject()).contains(name);
    var link = Pattern.compile("/invitation/(inv_\\w+)").matcher((String) message.getContent());
    assertThat(link.find()).isTrue();
    String path = "/invitation/" + link.group(1);
    assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString()).contains(email);

    var weak = mvc.perform(post(path).param("password", "123456789012345").with(csrf())).andReturn();
    assertThat(weak.getResponse().getContentAsString()).contains("commonly used");
    String passphrase = "otters hold hands while sleeping";
    var accepted = mvc.perform(post(path).param("password", passphrase).with(csrf())).andReturn();
    assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/login?welcome");
    assertThat(mvc.perform(post(path).param("password", passphrase).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);

    var signIn = mvc.perform(post("/login").param("username", email).param("password", passphrase).with(csrf())
        .with(from("10.12.0.1"))).andReturn();
    assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo("/");
    assertThat(jdbc.sql("SELECT size_class FROM identity_organisation WHERE name = :n").param("n", name).query(String.class).single())
        .isEqualTo("SME");
  }

  @Test
  void pagesCarrySecurityHeadersAndFormsNeedCsrf() throws Exception {
    var login = mvc.perform(get("/login")).andReturn().getResponse();
    String csp = login.getHeader("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(csp.split(";")).filteredOn(d -> d.strip().startsWith("script-src")).allSatisfy(d -> assertThat(d).doesNotContain("unsafe"));
    assertThat(login.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(login.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(login.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    String cookie = hub.getText(null, "/login").getHeaders().getFirst("Set-Cookie");
    assertThat(cookie).contains("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax");
    var noCsrf = mvc.perform(post("/login").param("username", "a@b.test").param("password", "x").with(from("10.13.0.1"))).andReturn();
    // Refused; the sign-in page explains that the browser sent no session cookie (issue 18).
    assertThat(noCsrf.getResponse().getRedirectedUrl()).isEqualTo("/login?nocookie");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'csrf.no-session-cookie' AND source = '10.13.0.1'")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void oversizedBodiesAreRefusedBeforeAnyoneReadsThem() throws Exception {
    var login = mvc.perform(post("/login").content(new byte[3 * 1024 * 1024]).with(csrf()).with(from("10.14.0.1"))).andReturn();
    assertThat(login.getResponse().getStatus()).isEqualTo(413);
    var query = mvc.perform(post("/v1/query").contentType("application/json").content(new byte[3 * 1024 * 1024])).andReturn();
    assertThat(query.getResponse().getStatus()).isEqualTo(413);
  }

  private MockHttpSession passwordSignIn(String email, String password, String address) throws Exception {
    MvcResult r = mvc.perform(post("/login").param("username", email).param("password", password).with(csrf()).with(from(address)))
        .andReturn();
    assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
    return (MockHttpSession) r.getRequest().getSession();
  }

  private long auditCount(String action, String from) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = :a AND source = :f")
        .param("a", action).param("f", from).query(Long.class).single();
  }

  private static String recipient(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
