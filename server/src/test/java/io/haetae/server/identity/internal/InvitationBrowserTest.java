package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 18 parts 3 and 5 in a real browser, against the demo ({@code haetae.demo=true}: its mail
 * goes to the in-process mail catcher). The browser reaches the hub as {@code hub.cert.example}
 * over plain HTTP, as a colleague's machine would (not localhost, which browsers trust with
 * Secure cookies): an operator signs in, creates an organisation and invites its CISO; the
 * mail's link is read from the catcher and shown on {@code /demo/mail}; the CISO opens it, sets
 * a password and signs in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haetae.demo=true")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("chromiumInstalled")
class InvitationBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String HOST = "hub.cert.example";

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired GreenMail demoMailServer;

  Playwright playwright;
  Browser browser;

  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMIUM);
  }

  @BeforeAll
  void setUp() {
    playwright = Playwright.create();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP " + HOST + " 127.0.0.1")));
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @Test
  void operatorInvitesACisoWhoSetsAPasswordFromTheMailAndSignsIn() {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("operator") + "@cert.test", "government", true);
    String name = unique("Busan Water");
    String email = unique("ciso") + "@busan-water.test";

    BrowserContext operatorBrowser = browser.newContext();
    Page page = operatorBrowser.newPage();
    page.navigate(url("/login"));
    signIn(page, cert.organisation().cisoEmail(), cert.cisoPassword());
    assertThat(page.url()).endsWith("/login/totp");
    assertThat((Number) page.locator("#totp-qr").evaluate("img => img.naturalWidth")).matches(w -> w.intValue() > 100);
    String secret = page.locator("#totp-secret").textContent().strip();
    page.fill("input[name=code]", Totp.code(secret, Instant.now().getEpochSecond()));
    page.click("main button[type=submit]");
    page.waitForLoadState();
    assertThat(page.url()).doesNotContain("/login");

    page.navigate(url("/admin/organisations"));
    page.fill("#new-organisation input[name=name]", name);
    page.selectOption("#new-organisation select[name=sector]", "water");
    page.selectOption("#new-organisation select[name=sizeClass]", "SME");
    page.fill("#new-organisation input[name=email]", email);
    page.selectOption("#new-organisation select[name=role]", "CISO");
    page.click("#new-organisation button[type=submit]");
    page.waitForLoadState();
    String shown = page.locator("#invitation-link").getAttribute("href");
    assertThat(shown).startsWith("http://" + HOST + ":" + port + "/invitation/inv_");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/invitation-result.png")).setFullPage(true));

    await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email).findAny().isPresent());
    String body = mailTo(email).map(InvitationBrowserTest::text).findFirst().orElseThrow();
    var link = Pattern.compile("http://\\S+/invitation/inv_\\w+").matcher(body);
    assertThat(link.find()).isTrue();
    assertThat(link.group()).isEqualTo(shown);

    page.click("#demo-mail");
    page.waitForLoadState();
    assertThat(page.url()).endsWith("/demo/mail");
    var caught = page.locator("article.demo-mail", new Page.LocatorOptions().setHasText(email));
    assertThat(caught.locator(".subject").textContent()).contains(name);
    assertThat(caught.locator("a[href='" + shown + "']").count()).isEqualTo(1);
    operatorBrowser.close();

    BrowserContext cisoBrowser = browser.newContext();
    Page invited = cisoBrowser.newPage();
    invited.navigate(link.group());
    assertThat(invited.locator("main").textContent()).contains(email);
    invited.fill("input[name=password]", "otters hold hands while sleeping");
    invited.click("main button[type=submit]");
    invited.waitForLoadState();
    assertThat(invited.url()).endsWith("/login?welcome");

    signIn(invited, email, "otters hold hands while sleeping");
    assertThat(invited.url()).endsWith("/org");
    assertThat(invited.locator("h1").textContent()).isEqualTo(name);
    cisoBrowser.close();
  }

  @Test
  void demoMailIsForOperatorsOnly() {
    NewOrganisation org = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", "energy", false);
    BrowserContext context = browser.newContext();
    Page page = context.newPage();
    page.navigate(url("/login"));
    signIn(page, org.organisation().cisoEmail(), org.cisoPassword());
    assertThat(page.navigate(url("/demo/mail")).status()).isEqualTo(403);
    context.close();
  }

  private Stream<MimeMessage> mailTo(String email) {
    return Stream.of(demoMailServer.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(email);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String text(MimeMessage m) {
    try {
      return (String) m.getContent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void signIn(Page page, String email, String password) {
    page.fill("input[name=username]", email);
    page.fill("input[name=password]", password);
    page.click("main button[type=submit]");
    page.waitForLoadState();
  }

  private String url(String path) {
    return "http://" + HOST + ":" + port + path;
  }
}
