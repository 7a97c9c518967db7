package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 18 part 3: a hub served over plain HTTP at an address other than localhost. The session
 * cookie used to be marked Secure always, so browsers dropped it and every sign-in ended in a
 * bare 403. These requests go over a raw socket so the Host header is the one a colleague's
 * browser would send ({@code hub.cert.example:8080}), not 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SignInOverHttpTest {

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired WebApplicationContext context;

  @Test
  void signsInOverPlainHttpAtAnotherHostName() throws IOException {
    NewOrganisation org = organisations.create(unique("Plain"), unique("ciso") + "@plain.test", "energy", false);

    Response login = request("GET", "/login", Map.of(), null);
    assertThat(login.status()).isEqualTo(200);
    String cookie = login.cookie("JSESSIONID");
    assertThat(cookie).as("session cookie").isNotNull();
    assertThat(login.setCookie("JSESSIONID")).doesNotContainIgnoringCase("secure").contains("HttpOnly");
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
    assertThat(csrf.find()).isTrue();

    Response signIn = request("POST", "/login", Map.of("Cookie", "JSESSIONID=" + cookie),
        form(Map.of("username", org.organisation().cisoEmail(), "password", org.cisoPassword(), "_csrf", csrf.group(1))));
    assertThat(signIn.status()).isEqualTo(302);
    assertThat(signIn.header("Location")).endsWith("/").doesNotContain("error");
    String signedIn = signIn.cookie("JSESSIONID") != null ? signIn.cookie("JSESSIONID") : cookie;

    Response home = request("GET", "/org", Map.of("Cookie", "JSESSIONID=" + signedIn), null);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains(org.organisation().name());
  }

  @Test
  void cookieIsSecureWhenAProxyOnTheHubsMachineSaysTheRequestCameOverHttps() throws IOException {
    Response direct = request("GET", "/login", Map.of(), null);
    assertThat(direct.setCookie("JSESSIONID")).doesNotContainIgnoringCase("secure");
    Response proxied = request("GET", "/login", Map.of("X-Forwarded-Proto", "https"), null);
    assertThat(proxied.setCookie("JSESSIONID")).containsIgnoringCase("Secure");
  }

  @Test
  void secureCanBeForcedForHubsReachedOnlyOverHttps() throws Exception {
    var servletContext = new MockServletContext();
    new SessionCookies().secureSessionCookie("always").onStartup(servletContext);
    assertThat(servletContext.getSessionCookieConfig().isSecure()).isTrue();
    var auto = new MockServletContext();
    new SessionCookies().secureSessionCookie("auto").onStartup(auto);
    assertThat(auto.getSessionCookieConfig().isSecure()).isFalse();
  }

  @Test
  void aFormSentWithoutTheSessionCookieIsExplainedOnTheSignInPage() throws Exception {
    var mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    var refused = mvc.perform(post("/login").param("username", "a@b.test").param("password", "x")
        .param("_csrf", "token-of-a-session-the-browser-did-not-send").with(r -> {
          r.setRemoteAddr("10.21.0.1");
          r.setServerName("hub.cert.example");
          return r;
        })).andReturn().getResponse();
    assertThat(refused.getStatus()).isEqualTo(302);
    assertThat(refused.getRedirectedUrl()).isEqualTo("/login?nocookie");

    String korean = mvc.perform(get("/login?nocookie")).andReturn().getResponse().getContentAsString();
    assertThat(korean).contains("로그인 쿠키를 보내지 않아");
    String english = mvc.perform(get("/login?nocookie&lang=en")).andReturn().getResponse().getContentAsString();
    assertThat(english).contains("did not send the sign-in cookie", "haetae.cookies.secure");
  }

  private static String form(Map<String, String> fields) {
    var parts = new ArrayList<String>();
    fields.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  /** HTTP/1.0 over a socket: no chunking, the server closes the connection after the answer. */
  private Response request(String method, String path, Map<String, String> headers, String formBody) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      var out = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: hub.cert.example:" + port + "\r\n");
      headers.forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
      byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
      if (formBody != null) {
        out.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      out.append("\r\n");
      OutputStream os = socket.getOutputStream();
      os.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
      os.write(body);
      os.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      String[] head = raw.substring(0, split).split("\r\n");
      var all = new ArrayList<String[]>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        all.add(new String[] {head[i].substring(0, colon).strip(), head[i].substring(colon + 1).strip()});
      }
      return new Response(Integer.parseInt(head[0].split(" ")[1]), all, raw.substring(split + 4));
    }
  }

  private record Response(int status, List<String[]> headers, String body) {
    String header(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    String setCookie(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase("Set-Cookie") && h[1].startsWith(name + "="))
          .map(h -> h[1]).findFirst().orElse("");
    }

    String cookie(String name) {
      String c = setCookie(name);
      if (c.isEmpty()) return null;
      return c.substring(name.length() + 1, c.contains(";") ? c.indexOf(';') : c.length());
    }
  }

}
