package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OpenID Connect sign-in against a small identity provider served from this test over real
 * HTTP (discovery, JWKS, token endpoint; RS256-signed ID tokens), configured exactly as a
 * Keycloak realm is: {@code issuer-uri}, client id and secret. The provider's user becomes the
 * Haetae user with the same verified e-mail; an unknown e-mail is refused.
 */
@SpringBootTest
@ActiveProfiles("test")
class OidcSignInTest {

  static final RSAKey KEY = rsaKey();
  static final AtomicReference<String> NONCE = new AtomicReference<>();
  static final AtomicReference<String> EMAIL = new AtomicReference<>();
  /** The token's email_verified claim; null leaves it out, as Entra ID does. */
  static final AtomicReference<Boolean> VERIFIED = new AtomicReference<>(true);
  static final HttpServer IDP = start();
  static final String ISSUER = "http://127.0.0.1:" + IDP.getAddress().getPort() + "/realms/haetae";

  @DynamicPropertySource
  static void keycloak(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", () -> ISSUER);
    registry.add("spring.security.oauth2.client.registration.keycloak.client-id", () -> "haetae");
    registry.add("spring.security.oauth2.client.registration.keycloak.client-secret", () -> "test-secret");
    registry.add("spring.security.oauth2.client.registration.keycloak.client-name", () -> "Keycloak");
    registry.add("spring.security.oauth2.client.registration.keycloak.scope", () -> "openid,email");
  }

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  MockMvc mvc;

  @BeforeEach
  void connect() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @AfterAll
  static void stop() {
    IDP.stop(0);
  }

  @Test
  void signInPageOffersTheProviderAndRedirectsToItsAuthorizationEndpoint() throws Exception {
    String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("/oauth2/authorization/keycloak").contains("Keycloak(으)로 로그인");

    var redirect = mvc.perform(get("/oauth2/authorization/keycloak")).andReturn().getResponse().getRedirectedUrl();
    var query = UriComponentsBuilder.fromUriString(redirect).build().getQueryParams();
    assertThat(redirect).startsWith(ISSUER + "/protocol/openid-connect/auth?");
    assertThat(query.getFirst("client_id")).isEqualTo("haetae");
    assertThat(query.getFirst("response_type")).isEqualTo("code");
    assertThat(query.getFirst("scope")).contains("openid");
    assertThat(query.getFirst("nonce")).isNotBlank();
    assertThat(query.getFirst("redirect_uri")).endsWith("/login/oauth2/code/keycloak");
  }

  @Test
  void providerUserSignsInAsTheHaetaeUserWithTheSameEmail() throws Exception {
    NewOrganisation org = organisations.create(unique("Federated"), unique("ciso") + "@federated.test", "energy", false);
    MockHttpSession session = callback(org.organisation().cisoEmail());
    assertThat(session).isNotNull();
    var page = mvc.perform(get("/org").session(session)).andReturn().getResponse();
    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getContentAsString()).contains(org.organisation().name());
  }

  @Test
  void anEmailHaetaeDoesNotKnowIsRefused() throws Exception {
    assertThat(callback(unique("stranger") + "@elsewhere.test")).isNull();
  }

  @Test
  void anEmailTheProviderDoesNotSayIsVerifiedIsRefused() throws Exception {
    NewOrganisation org = organisations.create(unique("Unverified"), unique("ciso") + "@unverified.test", "energy", false);
    try {
      VERIFIED.set(null);
      assertThat(callback(org.organisation().cisoEmail())).as("claim left out").isNull();
      VERIFIED.set(false);
      assertThat(callback(org.organisation().cisoEmail())).as("claim false").isNull();
    } finally {
      VERIFIED.set(true);
    }
    assertThat(callback(org.organisation().cisoEmail())).as("claim true").isNotNull();
  }

  /** Starts the flow, lets the "provider" vouch for the e-mail, and follows the callback; null when refused. */
  private MockHttpSession callback(String email) throws Exception {
    var start = mvc.perform(get("/oauth2/authorization/keycloak")).andReturn();
    var session = (MockHttpSession) start.getRequest().getSession();
    var query = UriComponentsBuilder.fromUriString(start.getResponse().getRedirectedUrl()).build().getQueryParams();
    NONCE.set(java.net.URLDecoder.decode(query.getFirst("nonce"), StandardCharsets.UTF_8));
    EMAIL.set(email);
    var done = mvc.perform(get("/login/oauth2/code/keycloak").session(session)
        .param("code", "code-" + unique("c")).param("state", java.net.URLDecoder.decode(query.getFirst("state"), StandardCharsets.UTF_8)))
        .andReturn();
    String location = done.getResponse().getRedirectedUrl();
    if ("/login?error".equals(location)) return null;
    assertThat(location).isEqualTo("/");
    return (MockHttpSession) done.getRequest().getSession();
  }

  private static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("test-key").generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/haetae";
      server.createContext("/realms/haetae/.well-known/openid-configuration", x -> json(x, """
          {"issuer":"%1$s","authorization_endpoint":"%1$s/protocol/openid-connect/auth",
           "token_endpoint":"%1$s/protocol/openid-connect/token","jwks_uri":"%1$s/protocol/openid-connect/certs",
           "response_types_supported":["code"],"subject_types_supported":["public"],
           "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","email"]}""".formatted(base)));
      server.createContext("/realms/haetae/protocol/openid-connect/certs", x -> json(x, new JWKSet(KEY.toPublicJWK()).toString()));
      server.createContext("/realms/haetae/protocol/openid-connect/token", x -> json(x, tokenResponse(base)));
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tokenResponse(String issuer) {
    try {
      var claims = new JWTClaimsSet.Builder().issuer(issuer).subject("kc-" + EMAIL.get()).audience(List.of("haetae"))
          .claim("azp", "haetae").issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000))
          .claim("nonce", NONCE.get()).claim("email", EMAIL.get()).claim("email_verified", VERIFIED.get()).build();
      var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(KEY));
      return "{\"access_token\":\"at-%s\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"openid email\",\"id_token\":\"%s\"}"
          .formatted(unique("t"), jwt.serialize());
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
