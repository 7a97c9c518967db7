package io.haetae.server.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.identity.Tlp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The whole alert mail, both parts, in both languages, against golden files
 * (src/test/resources/golden/alert). Ids, dates and links are fixed inputs, so nothing needs
 * normalising. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class AlertMailGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/alert");
  private static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final AlertMail mail = new AlertMail(messages(), "https://hub.example");

  @Test
  void koreanMailListsUpgradesFirstThenAdvisoriesWithTheStrictestLabelOnTop() throws IOException {
    var rendered = mail.render(org("ko"), items(), "scada-gateway, billing-portal", "https://hub.example/alerts/ack/TOKEN",
        "https://hub.example/alerts/ALERT");

    assertThat(rendered.subject()).isEqualTo("[TLP:AMBER] [해태] Hanbit Energy: 업그레이드 2건: 2 critical, 1 high, 1 unassigned");
    golden("ko.txt", rendered.text());
    golden("ko.html", rendered.html());
  }

  @Test
  void englishMailSaysTheSame() throws IOException {
    var rendered = mail.render(org("en"), items(), "scada-gateway, billing-portal", "https://hub.example/alerts/ack/TOKEN",
        "https://hub.example/alerts/ALERT");

    assertThat(rendered.subject()).isEqualTo("[TLP:AMBER] [Haetae] 2 upgrade(s) for Hanbit Energy: 2 critical, 1 high, 1 unassigned");
    golden("en.txt", rendered.text());
    golden("en.html", rendered.html());
  }

  @Test
  void htmlIsOneColumnWithInlineStylesAndNoImagesOrScripts() {
    String html = mail.render(org("en"), items(), "p", "https://a/ack", "https://a/alert").html();

    assertThat(html).contains("max-width:600px", "name=\"viewport\"").doesNotContain("<img", "<script", "<style", "<table");
  }

  @Test
  void advisoryTextCannotInjectMarkup() {
    var evil = new Item(UUID.randomUUID(), 1, PROJECT, "k", "lib", "1.0", "GHSA-evil", List.of(), "<script>alert(1)</script>",
        Severity.HIGH, 7.5, false, null, Tlp.CLEAR, "1.1", "<img src=x onerror=alert(1)>", null);

    String html = mail.render(org("en"), List.of(evil), "p", "https://a/ack", "https://a/alert").html();

    assertThat(html).doesNotContain("<script>alert", "<img src=x").contains("&lt;script&gt;");
  }

  private static Organisation org(String language) {
    return new Organisation(UUID.fromString("00000000-0000-0000-0000-0000000000aa"), "Hanbit Energy", "energy",
        "ciso@hanbit.example", false, Instant.EPOCH, SizeClass.LARGE_COMPANY, language);
  }

  /** Two components: jackson-databind (KEV, critical) first, then urllib3; one AMBER advisory. */
  private static List<Item> items() {
    LocalDate due = LocalDate.of(2026, 12, 8);
    return List.of(
        new Item(id(1), 1, PROJECT, "k1", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", "GHSA-4w82-r329-3q67",
            List.of("CVE-2020-8840"), "Deserialization of untrusted data", Severity.CRITICAL, 9.8, true, 0.94, Tlp.CLEAR,
            "2.12.7.1", null, due),
        new Item(id(2), 2, PROJECT, "k1", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", "GHSA-jjjh-jjxp-wpff",
            List.of("CVE-2022-42003"), "Uncontrolled Resource Consumption", Severity.HIGH, 7.5, false, 0.01, Tlp.CLEAR,
            "2.12.7.1", "Disable UNWRAP_SINGLE_VALUE_ARRAYS.", LocalDate.of(2027, 1, 4)),
        new Item(id(3), 3, PROJECT, "k1", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", "GHSA-5949-rw7g-wx7w",
            List.of(), "Gadget in ehcache", Severity.CRITICAL, 9.1, false, null, Tlp.CLEAR, "2.12.7.1", null, due),
        new Item(id(4), 4, PROJECT, "k2", "urllib3", "1.26.4", "KR-CERT-2026-0001", List.of(), "Catastrophic backtracking",
            Severity.UNASSIGNED, null, false, null, Tlp.AMBER, null, "Reject URLs with many @ characters.", null));
  }

  private static UUID id(int n) {
    return UUID.fromString("00000000-0000-0000-0000-00000000000" + n);
  }

  private static void golden(String name, String actual) throws IOException {
    io.haetae.server.support.Golden.assertMatches(GOLDEN, name, actual);
  }


  private static ResourceBundleMessageSource messages() {
    var source = new ResourceBundleMessageSource();
    source.setBasenames("messages", "i18n/alert");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    source.setDefaultLocale(Locale.ENGLISH);
    return source;
  }
}
