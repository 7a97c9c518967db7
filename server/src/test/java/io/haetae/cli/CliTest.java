package io.haetae.cli;

import static io.haetae.server.support.Fixtures.file;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.OrganisationService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The command line as operators and scripts use it, on the test database. */
@SpringBootTest(classes = HaetaeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CliTest {

  @LocalServerPort int port;
  @Autowired OrganisationService organisations;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static synchronized Run haetae(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    var o = new ByteArrayOutputStream();
    var e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Haetae.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void orgCreatePrintsTheApiKeyAsTheLastLineAndTheKeyWorks() {
    String name = unique("Water Utility");
    Run run = haetae("org", "create", name, "--ciso", unique("ciso") + "@water.test", "--sector", "water",
        "--spring.profiles.active=test");

    assertThat(run.code()).as(run.err()).isZero();
    String key = run.lines().getLast();
    assertThat(key).matches("hae_[A-Za-z0-9]{40}");
    assertThat(organisations.authenticate(key)).hasValueSatisfying(c -> assertThat(c.orgName()).isEqualTo(name));
  }

  @Test
  void orgCreateRefusesADuplicateName() {
    String name = unique("Port Authority");
    assertThat(haetae("org", "create", name, "--ciso", unique("a") + "@port.test", "--spring.profiles.active=test").code()).isZero();
    Run again = haetae("org", "create", name, "--ciso", unique("b") + "@port.test", "--spring.profiles.active=test");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void importNamesTheDamagedLinesAndExitsNonZero() {
    Run run = haetae("import", "osv", file("fixtures/osv/damaged.jsonl").toString(), "--spring.profiles.active=test");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("damaged.jsonl").contains("/id");
    assertThat(run.out()).contains("3 read").contains("2 rejected");
  }

  @Test
  void importsEverySourceFormatAndNamesTheBadRecord() throws java.io.IOException {
    Run kev = haetae("import", "kev", file("fixtures/feeds/kev-excerpt.json").toString(), "--spring.profiles.active=test");
    assertThat(kev.code()).as(kev.err()).isZero();
    assertThat(kev.out()).contains("3 read").contains("0 rejected");

    var folder = java.nio.file.Files.createTempDirectory("haetae-nvd");
    String page = java.nio.file.Files.readString(file("fixtures/feeds/conversion-nvd-test.json"));
    java.nio.file.Files.writeString(folder.resolve("page.json"), page.replaceFirst("\"lastModified\": \"[^\"]+\"", "\"lastModified\": \"later\""));
    Run nvd = haetae("import", "nvd", folder.toString(), "--spring.profiles.active=test");
    assertThat(nvd.code()).isEqualTo(1);
    assertThat(nvd.err()).contains("page.json (CVE-2026-20912): /vulnerabilities/0/cve/lastModified: not a timestamp: 'later'");
    assertThat(nvd.out()).contains("13 read").contains("1 rejected");

    Run unknown = haetae("import", "cvrf", folder.toString());
    assertThat(unknown.code()).isEqualTo(2);
  }

  @Test
  void importReportsClustersAMassDisclosureAndABadLineStoresNothing() throws java.io.IOException {
    var org = organisations.create(unique("AI Lab"), unique("ciso") + "@ailab.test", "research", false);
    var dir = java.nio.file.Files.createTempDirectory("haetae-reports");
    String pkg = unique("clifoo");
    var good = dir.resolve("campaign.jsonl");
    java.nio.file.Files.writeString(good, java.nio.file.Files.readString(file("fixtures/disclosure/mass.jsonl")).replace("PKG", pkg));
    Run local = haetae("import", "reports", good.toString(), "--organisation", org.organisation().name(), "--spring.profiles.active=test");
    assertThat(local.code()).as(local.err()).isZero();
    assertThat(local.out()).contains("report 2: duplicate of", "report 3: duplicate of",
        "Imported 5 reports for " + org.organisation().name() + ": 2 duplicates, 3 clusters, 0 probably fabricated");

    var bad = dir.resolve("bad.jsonl");
    java.nio.file.Files.writeString(bad, java.nio.file.Files.readString(file("fixtures/disclosure/bad.jsonl")).replace("PKG", pkg));
    Run refused = haetae("import", "reports", bad.toString(), "--organisation", org.organisation().name(), "--spring.profiles.active=test");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("bad.jsonl, line 3: '/package/name' is missing (nothing was stored)");

    Run remote = haetae("import", "reports", good.toString(), "--server", "http://localhost:" + port, "--api-key", org.apiKey());
    assertThat(remote.code()).as(remote.err() + remote.out()).isZero();
    // The same five again: every one is now a duplicate of the first import's reports.
    assertThat(remote.out()).contains("\"stored\":5", "\"duplicates\":5");
    assertThat(haetae("import", "reports", good.toString(), "--spring.profiles.active=test").code()).isEqualTo(2);
  }

  @Test
  void importIntoARunningHubNeedsAnOperatorKey() {
    var operator = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    var ciso = organisations.create(unique("Shop"), unique("ciso") + "@shop.test", "retail", false);
    String path = file("fixtures/osv/PYSEC-2021-108.json").toString();
    String server = "http://127.0.0.1:" + port;

    Run refused = haetae("import", "osv", path, "--server", server, "--api-key", ciso.apiKey());
    Run accepted = haetae("import", "osv", path, "--server", server, "--api-key", operator.apiKey());
    Run epss = haetae("import", "epss", file("fixtures/feeds/epss_scores-2025-x-x.csv").toString(),
        "--server", server, "--api-key", operator.apiKey());

    assertThat(refused.code()).isEqualTo(2);
    assertThat(accepted.code()).as(accepted.out() + accepted.err()).isZero();
    assertThat(accepted.out()).contains("\"read\":1").contains("\"rejected\":[]");
    assertThat(epss.code()).as(epss.out() + epss.err()).isZero();
    assertThat(epss.out()).contains("\"read\":27");
  }

  @Test
  void unknownOptionsAreRefusedNotPassedToSpring() {
    Run run = haetae("org", "create", unique("Typo"), "--ciso", unique("c") + "@typo.test", "--sectr", "water");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--sectr");
  }

  @Test
  void missingPathIsAClearError() {
    Run run = haetae("import", "osv", "/no/such/advisories.jsonl");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("/no/such/advisories.jsonl").contains("no such file");
  }

  @Test
  void helpWorksOnEverySubcommand() {
    var commands = new java.util.ArrayList<String>();
    collect(new picocli.CommandLine(new Haetae()), "", commands);
    assertThat(commands).contains("org create", "import osv", "serve", "sbom generate");
    for (String command : commands) {
      var args = new java.util.ArrayList<>(List.of(command.strip().split(" ")));
      args.add("--help");
      Run run = haetae(args.toArray(String[]::new));
      assertThat(run.code()).as(command + " --help").isZero();
      assertThat(run.out()).as(command + " --help").contains("Usage:");
    }
  }

  private static void collect(picocli.CommandLine cmd, String prefix, List<String> out) {
    cmd.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) return;
      String path = (prefix + " " + name).strip();
      out.add(path);
      collect(sub, path, out);
    });
  }

  @Test
  void aCommandAgainstADirectoryWithNoHubSaysSoAndCreatesNothing() throws java.io.IOException {
    java.nio.file.Path empty = java.nio.file.Files.createTempDirectory("haetae-nohub");
    String url = System.getProperty("spring.datasource.url");
    // As a user runs it: the embedded database of a data directory, here one with no hub in it.
    System.clearProperty("spring.datasource.url");
    System.setProperty("haetae.data-dir", empty.toString());
    try {
      Run run = haetae("org", "create", unique("Lost"), "--ciso", unique("c") + "@lost.test");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().lines().findFirst()).hasValue("haetae: data directory " + empty.toAbsolutePath().normalize());
      assertThat(run.err()).contains("no hub in " + empty.toAbsolutePath().normalize(), "--init").doesNotContain("Exception");
      assertThat(run.out()).isEmpty();
      try (var files = java.nio.file.Files.list(empty)) {
        assertThat(files.toList()).isEmpty();
      }
    } finally {
      System.setProperty("spring.datasource.url", url);
      System.clearProperty("haetae.data-dir");
    }
  }

  @Test
  void anUnreachableHubIsOneLineNotAStackTrace() {
    String path = file("fixtures/osv/PYSEC-2021-108.json").toString();
    Run run = haetae("import", "osv", path, "--server", "http://127.0.0.1:1", "--api-key", "hae_x");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("cannot reach the hub at http://127.0.0.1:1", "connection refused")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void rejectionsFromARunningHubNameTheUsersFileNotATemporaryCopy() {
    var operator = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    Run run = haetae("import", "osv", file("fixtures/osv/damaged.jsonl").toString(),
        "--server", "http://127.0.0.1:" + port, "--api-key", operator.apiKey());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("damaged.jsonl").doesNotContain("haetae-import", "upload.jsonl");
  }
}
