package io.haetae.server.oversight;

import io.haetae.server.support.TestSmtp;
import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A CISO and an operator in a real browser (Debian's headless Chromium): sign in, see the
 * organisation's findings with the version to upgrade to, filter them (htmx), and the national
 * page. Skipped where no Chromium is installed (.ci/run installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("chromiumInstalled")
class SignInBrowserTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.setup());

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  Playwright playwright;
  Browser browser;
  NewOrganisation energy;
  NewOrganisation cert;

  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMIUM);
  }

  @BeforeAll
  void setUp() {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    energy = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", "energy", false);
    cert = organisations.create(unique("CERT"), unique("operator") + "@cert.test", "government", true);
    new HubClient(port).upload(energy.apiKey(), "scada-gateway", "4.2.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    playwright = Playwright.create();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run")));
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @Test
  void cisoSignsInAndSeesWhatToUpgrade() {
    Page page = englishPage();
    page.navigate(url("/"));
    assertThat(page.url()).endsWith("/login");

    signIn(page, energy.organisation().cisoEmail(), energy.cisoPassword());

    assertThat(page.url()).endsWith("/org");
    assertThat(page.locator("h1").textContent()).isEqualTo(energy.organisation().name());
    var row = page.locator("tr.finding", new Page.LocatorOptions().setHasText("GHSA-5ww9-j83m-q7qx"));
    assertThat(row.textContent()).contains("jackson-databind", "2.9.8", "2.9.9", "scada-gateway");
    int all = page.locator("tr.finding").count();

    page.selectOption("select[name=severity]", "CRITICAL");
    page.click("form.filters button[type=submit]");
    // Playwright is single-threaded: wait with its own calls, not from another thread.
    page.waitForURL("**/org?severity=CRITICAL**");
    page.waitForCondition(() -> page.locator("tr.finding").count() < all);
    assertThat(page.locator("tr.finding .sev-CRITICAL").count()).isEqualTo(page.locator("tr.finding").count());
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/organisation.png")).setFullPage(true));

    assertThat(page.navigate(url("/national")).status()).isEqualTo(403);
  }

  @Test
  void wrongPasswordIsRefused() {
    Page page = englishPage();
    page.navigate(url("/login"));
    signIn(page, energy.organisation().cisoEmail(), "not-the-password");
    assertThat(page.url()).contains("/login?error");
    assertThat(page.locator("[role=alert]").textContent()).contains("wrong");
  }

  @Test
  void operatorSeesTheNationalSituation() {
    Page page = englishPage();
    page.navigate(url("/login"));
    signIn(page, cert.organisation().cisoEmail(), cert.cisoPassword());

    // Operators enrol a second factor on first sign-in: the page shows the secret, we answer with its code.
    assertThat(page.url()).endsWith("/login/totp");
    String secret = page.locator("#totp-secret").textContent().strip();
    page.fill("input[name=code]", io.haetae.server.identity.internal.Totp.code(secret, java.time.Instant.now().getEpochSecond()));
    page.click("main button[type=submit]");
    page.waitForLoadState();

    assertThat(page.url()).endsWith("/national");
    for (int width : List.of(1366, 390)) {
      page.setViewportSize(width, 900);
      page.navigate(url("/national"));
      assertThat(page.locator("tr.sector-row", new Page.LocatorOptions().setHasText("energy")).count()).isPositive();
      long total = Long.parseLong(page.locator("[data-severity=TOTAL]").first().textContent().strip());
      assertThat(total).isPositive();
      // The trend chart is drawn (ECharts' SVG renderer) and its numbers are also a table.
      page.waitForSelector(".chart[data-chart=trend] svg path",
          new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
      assertThat(page.locator(".chart[data-chart=trend] svg path").count()).isPositive();
      assertThat(page.locator("table.trend tbody tr").count()).isPositive();
      // The room's own content never widens the page (tables scroll inside .table-wrap); the
      // header menu is the layout's (main's PageWidthBrowserTest measures the whole page).
      assertThat((Boolean) page.evaluate("() => Array.from(document.querySelectorAll('main *')).every(e => !e.closest('.table-wrap')"
          + " ? e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1 : true)"))
          .as("no sideways scroll at %d px: %s", width, page.evaluate("() => Array.from(document.querySelectorAll('main *'))"
              + ".filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
              + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')"))
          .isTrue();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/national-" + width + ".png")).setFullPage(true));
    }

    page.setViewportSize(1366, 900);
    page.click("tr.sector-row a:text-is('energy')");
    page.waitForLoadState();
    var org = page.locator("tr.exposure", new Page.LocatorOptions().setHasText(energy.organisation().name()));
    assertThat(org.count()).isPositive();
    org.locator("a").first().click();
    page.waitForLoadState();
    assertThat(page.locator("h1").textContent()).isEqualTo(energy.organisation().name());
    assertThat(page.locator("tr.finding").count()).isPositive();
  }

  @Test
  void searchesTheKnowledgeBase() {
    Page page = englishPage();
    page.navigate(url("/login"));
    signIn(page, energy.organisation().cisoEmail(), energy.cisoPassword());

    page.click("a[href='/vulnerabilities']");
    page.fill("input[name=q]", "GHSA-5ww9-j83m-q7qx");
    page.click("form.search button[type=submit]");
    page.waitForLoadState();

    assertThat(page.url()).contains("/vulnerabilities?q=GHSA-5ww9-j83m-q7qx");
    assertThat(page.locator("tbody tr").allTextContents()).anySatisfy(t -> assertThat(t).contains("CVE-2019-12086"));
  }

  /** Korean is the default language; these assertions read the English texts. */
  private Page englishPage() {
    var context = browser.newContext();
    context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("haetae-lang", "en").setUrl(url("/"))));
    return context.newPage();
  }

  private void signIn(Page page, String email, String password) {
    page.fill("input[name=username]", email);
    page.fill("input[name=password]", password);
    page.click("button[type=submit]");
    page.waitForLoadState();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
