package io.haetae.server.web;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.support.HubClient;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * No page scrolls sideways, on a phone (390 px) or on a desk (1366 px), for a CISO and for the
 * national operator. The pages come from the application's own handler mapping (every GET
 * route that answers HTML), so a page added later is measured without editing this test; routes
 * with path variables are visited with a sample value where one is known. Skipped where no
 * Chromium is installed (.ci/run installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "haetae.incidents.committee[0].name=Kim Minji", "haetae.incidents.committee[0].email=minji.kim@committee.test"})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("chromiumInstalled")
class PageWidthBrowserTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension mail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.setup()).withPerMethodLifecycle(false);

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Sample values for path variables, so pages such as an advisory's are measured too. */
  static final Map<String, String> SAMPLES = Map.of("id", "GHSA-5ww9-j83m-q7qx");

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;
  @Autowired AdvisoryImporter importer;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;

  Playwright playwright;
  Browser browser;
  NewOrganisation energy;
  /** Pages whose path needs an object made in setUp. */
  final List<String> extraPages = new ArrayList<>();

  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMIUM);
  }

  @BeforeAll
  void setUp() {
    importer.importOsv(file("demo/advisories.jsonl"));
    Outbox.awaitDrained(jdbc);
    energy = organisations.create(unique("Energy"), unique("ciso") + "@energy.test", "energy", false);
    var hub = new HubClient(port);
    hub.upload(energy.apiKey(), "scada-gateway", "4.2.0", bytes("demo/hanbit-energy-scada-gateway.cdx.json"));
    Outbox.awaitDrained(jdbc);
    // A check the energy ministry asked: its answer page (the CISO) and roll-up (the national operator).
    var ministry = organisations.create(unique("Ministry of Energy"), unique("op") + "@moe.test", "government",
        io.haetae.server.identity.SizeClass.MINISTRY, io.haetae.server.identity.Role.SECTOR_OPERATOR);
    organisations.superviseSector("energy", "Energy", ministry.organisation().id());
    @SuppressWarnings("unchecked") Map<String, Object> check = hub.http().post().uri("/api/v1/checks")
        .header("X-Api-Key", ministry.apiKey()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("title", "Readiness check for the winter with a long title that must wrap on a phone",
            "description", "Answer **every** question.", "dueDate", java.time.LocalDate.now().plusDays(10).toString(),
            "scope", Map.of("sectors", List.of("energy")),
            "items", List.of(Map.of("kind", "QUESTION", "text", "Are all internet-facing systems patched against known-exploited vulnerabilities?"),
                Map.of("kind", "NO_KEV_OPEN"), Map.of("kind", "SBOM_FRESH"), Map.of("kind", "NO_CRITICAL_OVERDUE"))))
        .retrieve().body(Map.class);
    extraPages.add("/checks/" + check.get("id"));
    // A vulnerability report of the energy CISO's, with a long unbroken purl: its case page and its cluster.
    @SuppressWarnings("unchecked") Map<String, Object> report = hub.http().post().uri("/api/v1/reports")
        .header("X-Api-Key", energy.apiKey()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("title", "Heap overflow in the SCADA gateway's Modbus frame parser when a frame is longer than declared",
            "description", "A Modbus/TCP frame whose length field is smaller than the frame overflows parse_frame's buffer.\n\nSteps:\n1. send the frame",
            "package", Map.of("purl", "pkg:maven/kr.co.hanbit.energy.scada/modbus-gateway-frame-parser-implementation@4.2.0"),
            "affectedVersions", "4.0.0 to 4.2.0", "cwe", "CWE-787",
            "cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .retrieve().body(Map.class);
    hub.http().post().uri("/api/v1/reports/" + report.get("id") + "/comments").header("X-Api-Key", energy.apiKey())
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("text", "A proof of concept: https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/0123456789"))
        .retrieve().toBodilessEntity();
    extraPages.add("/reports/" + report.get("id"));
    extraPages.add("/reports/clusters/" + report.get("id"));
    // Two reports accepted by a national operator: one shows the publish form, one is published
    // (the advisory line with its CSAF and CVE JSON 5 links).
    var reportsDesk = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    for (String stage : List.of("accepted", "published")) {
      @SuppressWarnings("unchecked") Map<String, Object> accepted = hub.http().post().uri("/api/v1/reports")
          .header("X-Api-Key", energy.apiKey()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
          .body(Map.of("title", "Authentication bypass in the SCADA gateway's maintenance console, " + stage,
              "description", "The console accepts an empty session token.", "tlp", "CLEAR",
              "package", Map.of("purl", "pkg:maven/kr.co.hanbit.energy.scada/maintenance-console-" + stage + "-implementation"),
              "affectedVersions", "before 4.2.1", "fixedVersion", "4.2.1", "cwe", "CWE-287"))
          .retrieve().body(Map.class);
      for (String state : List.of("VALID", "ACCEPTED")) {
        hub.http().post().uri("/api/v1/reports/" + accepted.get("id") + "/transition").header("X-Api-Key", reportsDesk.apiKey())
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(Map.of("state", state)).retrieve().toBodilessEntity();
      }
      if (stage.equals("published")) {
        var published = hub.http().post().uri("/api/v1/reports/" + accepted.get("id") + "/publish").header("X-Api-Key", reportsDesk.apiKey())
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(Map.of()).retrieve().toBodilessEntity();
        assertThat(published.getStatusCode().value()).isEqualTo(201);
      }
      extraPages.add("/reports/" + accepted.get("id"));
    }
    // An AI-service incident with every section filled, in Korean and in English, and the
    // committee's join page (its link comes by mail).
    String incident = incident(hub);
    extraPages.add("/incidents/" + incident);
    var joinLink = java.util.regex.Pattern.compile("(/incidents/join/[A-Za-z0-9_.-]+)");
    var link = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> java.util.Arrays
        .stream(mail.getReceivedMessages()).map(m -> joinLink.matcher(String.valueOf(io.haetae.server.support.Mails.text(m))))
        .filter(java.util.regex.Matcher::find).findFirst(), java.util.Optional::isPresent).orElseThrow();
    extraPages.add(link.group(1));
    extraPages.add("/incidents/" + incident + "?lang=en");
    extraPages.add("/incidents?lang=en");
    extraPages.add(link.group(1) + "?lang=ko");
    playwright = Playwright.create();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run")));
  }

  @SuppressWarnings("unchecked")
  private String incident(HubClient hub) {
    var json = org.springframework.http.MediaType.APPLICATION_JSON;
    Map<String, Object> c = hub.http().post().uri("/api/v1/incidents").header("X-Api-Key", energy.apiKey()).contentType(json)
        .body(Map.of("title", "Forecasting model for the regional grid returned manipulated load predictions for two days",
            "kind", "AI_SERVICE", "service", "Grid load forecaster (transformer model, served through the model gateway)",
            "servicePurl", "pkg:pypi/transformers", "description", "A poisoned fine-tuning set was uploaded with a leaked key.",
            "severity", "CRITICAL", "incidentClass", "information-content-security", "tlp", "AMBER"))
        .retrieve().body(Map.class);
    String id = (String) c.get("id");
    hub.http().post().uri("/api/v1/incidents/" + id + "/tasks").header("X-Api-Key", energy.apiKey()).contentType(json)
        .body(Map.of("title", "Retrain the forecaster from the last verified data set and compare predictions",
            "owner", "machine-learning-platform-team@energy.test", "dueAt", "2026-12-31T18:00")).retrieve().toBodilessEntity();
    hub.http().post().uri("/api/v1/incidents/" + id + "/events").header("X-Api-Key", energy.apiKey()).contentType(json)
        .body(Map.of("occurredAt", "2026-12-04T23:41:07", "category", "DETECTION", "source", "model gateway access log",
            "text", "First fine-tuning upload with the leaked key from 203.0.113.77")).retrieve().toBodilessEntity();
    hub.http().post().uri("/api/v1/incidents/" + id + "/decisions").header("X-Api-Key", energy.apiKey()).contentType(json)
        .body(Map.of("text", "Fall back to the rule-based forecast until the retrained model passes validation."))
        .retrieve().toBodilessEntity();
    var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
    parts.add("file", new org.springframework.core.io.ByteArrayResource(bytes("fixtures/incident/model-gateway-access.log")) {
      @Override
      public String getFilename() {
        return "model-gateway-access-2026-12-04-with-a-long-file-name.log";
      }
    });
    hub.http().post().uri("/api/v1/incidents/" + id + "/evidence").header("X-Api-Key", energy.apiKey())
        .contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toBodilessEntity();
    hub.http().post().uri("/api/v1/incidents/" + id + "/links").header("X-Api-Key", energy.apiKey()).contentType(json)
        .body(Map.of("advisory", "GHSA-5ww9-j83m-q7qx")).retrieve().toBodilessEntity();
    return id;
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {390, 1366})
  void noPageScrollsSidewaysForACiso(int width) {
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 844))) {
      Page page = context.newPage();
      signIn(page, energy.organisation().cisoEmail(), energy.cisoPassword());
      assertNoneScrollSideways(page, width, "ciso");
    }
  }

  /** English words run longer than Korean ones: the same pages once more in English, where it is tightest. */
  @ParameterizedTest(name = "{0} px, English")
  @ValueSource(ints = {390})
  void noPageScrollsSidewaysInEnglish(int width) {
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 844))) {
      Page page = context.newPage();
      signIn(page, energy.organisation().cisoEmail(), energy.cisoPassword());
      page.navigate(url("/org?lang=en"));
      assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
      assertNoneScrollSideways(page, width, "ciso-en");
    }
  }

  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {390, 1366})
  void noPageScrollsSidewaysForTheNationalOperator(int width) {
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 844))) {
      Page page = context.newPage();
      // A fresh operator per run: a TOTP code is accepted once, and both runs fall in one 30 s step.
      NewOrganisation cert = organisations.create(unique("CERT"), unique("operator") + "@cert.test", "government", true);
      signIn(page, cert.organisation().cisoEmail(), cert.cisoPassword());
      if (page.url().endsWith("/login/totp")) {
        String secret = page.locator("#totp-secret").textContent().strip();
        page.fill("input[name=code]", io.haetae.server.identity.internal.Totp.code(secret, Instant.now().getEpochSecond()));
        page.click("main button[type=submit]");
        page.waitForLoadState();
      }
      assertNoneScrollSideways(page, width, "operator");
    }
  }

  private void assertNoneScrollSideways(Page page, int width, String who) {
    List<String> wide = new ArrayList<>();
    List<String> pages = pages();
    assertThat(pages).contains("/org", "/vulnerabilities", "/login");
    for (String path : pages) {
      Response response = page.navigate(url(path));
      assertThat(response.status()).as(path + " answers without a server error").isLessThan(500);
      // The page is as wide as the window unless something in it forces a horizontal scroll.
      Number scroll = (Number) page.evaluate("document.documentElement.scrollWidth");
      Number client = (Number) page.evaluate("document.documentElement.clientWidth");
      if (scroll.intValue() > client.intValue()) wide.add(path + " (" + scroll + " > " + client + ")");
      if (width == 390 || path.startsWith("/reports/")) {
        // The whole page, for a reader to look at forms below the fold (not asserted).
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
            .setPath(Path.of("target/screenshots/" + who + "-" + width + path.replaceAll("[^A-Za-z0-9]", "_") + ".png")));
      }
    }
    assertThat(wide).as("pages scrolling sideways at " + width + " px").isEmpty();
  }

  /** Every GET page route (not the APIs, exports or sign-out), with sample path values. */
  private List<String> pages() {
    var out = new TreeSet<String>();
    mapping.getHandlerMethods().forEach((info, handler) -> {
      var methods = info.getMethodsCondition().getMethods();
      if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) return;
      var produces = info.getProducesCondition().getProducibleMediaTypes();
      if (produces.stream().anyMatch(m -> !m.isCompatibleWith(org.springframework.http.MediaType.TEXT_HTML))) return;
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api") || pattern.startsWith("/v1") || pattern.startsWith("/actuator")
            || pattern.startsWith("/error") || pattern.startsWith("/logout") || pattern.endsWith(".csv")
            || pattern.contains("*")) continue;
        String path = pattern;
        for (var sample : SAMPLES.entrySet()) path = path.replace("{" + sample.getKey() + "}", sample.getValue());
        if (!path.contains("{")) out.add(path);
      }
    });
    // Pages made in setUp come last, in their order: the "?lang=en" ones switch the language for
    // what follows, so they must not be sorted in among the others.
    var all = new ArrayList<>(out);
    extraPages.stream().filter(p -> !all.contains(p)).forEach(all::add);
    return all;
  }

  private void signIn(Page page, String email, String password) {
    page.navigate(url("/login"));
    page.fill("input[name=username]", email);
    page.fill("input[name=password]", password);
    page.click("main button[type=submit]");
    page.waitForLoadState();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
