package io.haetae.server.selfcheck;

import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.nio.charset.StandardCharsets;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A small business runs the self-check in Chromium on a phone-sized screen, as a new user would:
 * answers the questions, uploads its package-lock.json (lodash 4.17.15, matched against real
 * lodash advisories), reads the plan, downloads the PDF. Both pages pass axe-core's WCAG 2.1 A
 * and AA rules. Skipped where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("chromiumInstalled")
class SelfCheckBrowserTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.setup());

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @LocalServerPort int port;
  @Autowired AdvisoryImporter importer;
  @Autowired JdbcClient jdbc;
  @Autowired OrganisationService organisations;
  Playwright playwright;
  Browser browser;
  String axe;

  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMIUM);
  }

  @BeforeAll
  void setUp() throws Exception {
    importer.importOsv(file("fixtures/selfcheck/lodash-advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    try (var in = new ClassPathResource("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js").getInputStream()) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    playwright = Playwright.create();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run")));
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @Test
  void aBusinessAnswersUploadsItsLockfileReadsThePlanAndDownloadsThePdf() throws Exception {
    // The page's script tag is allowed by the hub's CSP; axe is injected by the test, so CSP is bypassed for it only.
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
        .setBypassCSP(true).setAcceptDownloads(true))) {
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + port + "/self-check");
      assertThat(page.locator("html").getAttribute("lang")).isEqualTo("ko");
      assertAccessible(page, "the questionnaire");

      page.selectOption("#size", "small");
      var visible = page.locator("fieldset.question:visible");
      int asked = visible.count();
      assertThat(asked).isBetween(25, 40);
      for (int i = 0; i < asked; i++) visible.nth(i).locator("input[value=yes]").check();
      // A file the hub cannot read: the page says which and why, and keeps the answers.
      page.setInputFiles("#files", new com.microsoft.playwright.options.FilePayload("notes.txt", "text/plain",
          "hello".getBytes(StandardCharsets.UTF_8)));
      page.waitForNavigation(() -> page.click("#self-check-form button[type=submit]"));
      page.waitForLoadState();
      assertThat(page.locator("#problem").innerText()).startsWith("notes.txt: ");
      assertThat(page.locator("fieldset.question input[value=yes]:checked").count()).isGreaterThanOrEqualTo(asked);
      page.setInputFiles("#files", file("fixtures/selfcheck/shop-front/package-lock.json"));
      page.click("#self-check-form button[type=submit]");
      page.waitForURL("**/self-check/*");

      assertThat(page.locator("#plan")).isNotNull();
      assertThat(page.locator("#plan").innerText()).contains("lodash를 4.17.15에서 4.17.21로 업그레이드하세요");
      assertThat(page.locator("#evidence-rules").innerText()).contains("lodash 4.17.15");
      assertThat(page.locator("#findings").innerText()).contains("GHSA-35jh-r3h4-6jhm").contains("4.17.21");
      assertThat(page.locator("#functions tbody tr").count()).isEqualTo(6);
      page.waitForSelector(".chart[data-drawn]");
      assertThat((Number) page.evaluate("document.documentElement.scrollWidth"))
          .isEqualTo(page.evaluate("document.documentElement.clientWidth"));
      assertAccessible(page, "the result");

      var download = page.waitForDownload(() -> page.click("#report-pdf"));
      byte[] pdf = Files.readAllBytes(download.path());
      assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
      assertThat(download.suggestedFilename()).endsWith(".pdf");

      String result = page.url();
      page.navigate(result + "?lang=en");
      assertThat(page.locator("#plan").innerText()).contains("upgrade lodash from 4.17.15 to 4.17.21");

      // The business signs in later and saves the result to its organisation's account.
      NewOrganisation shop = organisations.create(unique("Shop"), unique("ciso") + "@shop.test", "retail", false);
      page.navigate("http://127.0.0.1:" + port + "/login");
      page.fill("input[name=username]", shop.organisation().cisoEmail());
      page.fill("input[name=password]", shop.cisoPassword());
      page.click("main button[type=submit]");
      page.waitForLoadState();
      page.navigate(result);
      page.click("form[action$='/save'] button[type=submit]");
      page.waitForURL("**/org/self-checks");
      assertThat(page.locator("#history tbody tr").count()).isEqualTo(1);
      assertAccessible(page, "the organisation's self-checks");
    }
  }

  /** axe-core over the page with the WCAG 2.0/2.1 A and AA rules; any violation fails with its rule and elements. */
  private void assertAccessible(Page page, String what) {
    page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
    Object violations = page.evaluate("""
        async () => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
        }""");
    assertThat((List<?>) violations).as("WCAG 2.1 AA violations on " + what).isEmpty();
  }
}
