package io.haetae.server.disclosure.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.disclosure.Disclosure;
import io.haetae.server.disclosure.TimelineEntry;
import io.haetae.server.disclosure.VulnerabilityReports;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.Mails;
import io.haetae.server.support.Outbox;
import io.haetae.server.support.TestSmtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is told what about a case (docs/disclosure.md, "Who is told what"): an invited
 * organisation's CISO gets one mail in the organisation's language naming the case's title, who
 * invited, the embargo end and the link, never the report's description (the case is shared
 * under TLP:AMBER+STRICT); an ACTIVE embargo whose end passed is ended by the hub, on the timeline
 * and in the audit log, and every invited organisation is told.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseMailTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup()).withPerMethodLifecycle(false);

  @Autowired OrganisationService organisations;
  @Autowired VulnerabilityReports intake;
  @Autowired Disclosure disclosure;
  @Autowired EmbargoExpiry expiry;
  @Autowired JdbcClient jdbc;

  Caller reporter;
  Caller operator;
  Organisation koreanVendor;
  Organisation englishVendor;

  @BeforeAll
  void organisations() {
    Organisation lab = organisations.create(unique("Research Lab"), unique("ciso") + "@lab.test", unique("research"),
        SizeClass.SME, Role.CISO).organisation();
    koreanVendor = organisations.create(unique("한빛소프트"), unique("ciso") + "@hanbit.test", unique("software"),
        SizeClass.SME, Role.CISO).organisation();
    englishVendor = organisations.create(unique("Acme Software"), unique("ciso") + "@acme.test", unique("software"),
        SizeClass.SME, Role.CISO).organisation();
    jdbc.sql("UPDATE identity_organisation SET language = 'en' WHERE id = :id").param("id", englishVendor.id()).update();
    Organisation cert = organisations.create(unique("KR-CERT"), unique("op") + "@cert.test", "government", true).organisation();
    reporter = new Caller(lab.id(), lab.name(), unique("reporter") + "@lab.test", Role.REPORTER);
    operator = new Caller(cert.id(), cert.name(), "analyst@cert.test", Role.OPERATOR);
  }

  @Test
  void anInvitedOrganisationsCisoGetsOneMailInItsLanguageWithTheTitleButNotTheDescription() throws Exception {
    String secret = unique("heap overflow in parse_header reachable through a crafted Range header");
    Report report = submit(secret);
    disclosure.embargo(operator, report.id, "PROPOSED", "2031-03-02T18:00", null);
    disclosure.invite(operator, report.id, koreanVendor.id().toString(), "VENDOR");
    disclosure.invite(operator, report.id, englishVendor.id().toString(), "VENDOR");
    // Invited again (say, the analyst pressed twice): still one mail.
    disclosure.invite(operator, report.id, koreanVendor.id().toString(), "VENDOR");
    Outbox.awaitDrained(jdbc);

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout(report.title).size() >= 2);
    assertThat(mailsAbout(report.title)).extracting(CaseMailTest::subject).hasSize(2);
    MimeMessage korean = only(koreanVendor, report.title);
    MimeMessage english = only(englishVendor, report.title);
    assertThat(korean.getSubject()).isEqualTo("[TLP:AMBER+STRICT] 취약점 공개 조율 사건에 초대되었습니다: " + report.title);
    assertThat(english.getSubject()).isEqualTo("[TLP:AMBER+STRICT] You are invited to a vulnerability disclosure case: " + report.title);
    assertThat(Mails.text(korean)).contains("TLP:AMBER+STRICT", koreanVendor.name() + " 정보보호최고책임자님께",
        "analyst@cert.test (" + operator.orgName() + ")께서", "제조사(으)로", "사건: " + report.title,
        "엠바고 종료: 2031-03-02 18:00 (Asia/Seoul)", "/reports/" + report.id);
    assertThat(Mails.text(english)).contains("To the security officer of " + englishVendor.name(),
        "analyst@cert.test (" + operator.orgName() + ") invited your organisation", "as vendor", "Case: " + report.title,
        "Embargo until 2031-03-02 18:00 (Asia/Seoul)", "/reports/" + report.id);
    assertThat(Mails.html(english)).contains("lang=\"en\"", "Open the case", "href=\"http://localhost:");
    assertThat(Mails.html(korean)).contains("lang=\"ko\"", "사건 열기");
    for (MimeMessage m : List.of(korean, english)) {
      assertThat(Mails.text(m)).doesNotContain(secret);
      assertThat(Mails.html(m)).doesNotContain(secret);
    }
    // A redelivery after a crash carries the same Message-ID, derived from report and organisation.
    assertThat(korean.getMessageID()).isEqualTo("<disclosure.invited." + report.id + "." + koreanVendor.id() + "@haetae>");
  }

  @Test
  void anActiveEmbargoWhoseEndPassedIsEndedByTheHubAndTheInvitedAreTold() throws Exception {
    Report report = submit(unique("use after free"));
    disclosure.invite(operator, report.id, englishVendor.id().toString(), "VENDOR");
    disclosure.embargo(operator, report.id, "PROPOSED", "2031-01-15", null);
    disclosure.embargo(operator, report.id, "ACTIVE", null, null);
    Instant ended = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    jdbc.sql("UPDATE disclosure_case SET embargo_ends_at = :e WHERE report_id = :r")
        .param("e", OffsetDateTime.ofInstant(ended, ZoneOffset.UTC)).param("r", report.id).update();
    // Another report's embargo, still running, is left alone.
    Report running = submit(unique("double free"));
    disclosure.embargo(operator, running.id, "PROPOSED", "2031-01-15", null);
    disclosure.embargo(operator, running.id, "ACTIVE", null, null);

    expiry.endExpired(Instant.now());
    assertThat(expiry.endExpired(Instant.now())).as("a second run finds nothing to end").isZero();

    assertThat(embargo(report.id)).isEqualTo("EXITED");
    assertThat(embargo(running.id)).isEqualTo("ACTIVE");
    TimelineEntry last = disclosure.timeline(operator, report.id).getLast();
    assertThat(last.kind()).isEqualTo("EMBARGO");
    assertThat(last.actor()).isEqualTo("haetae");
    assertThat(last.from() + " -> " + last.to()).isEqualTo("ACTIVE -> EXITED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE actor = 'haetae' AND action = 'report.embargo' AND target LIKE :t")
        .param("t", "report " + report.id + " embargo ACTIVE -> EXITED%").query(Long.class).single()).isEqualTo(1);

    Outbox.awaitDrained(jdbc);
    String subject = "[TLP:AMBER+STRICT] The embargo of a disclosure case has ended: " + report.title;
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsWithSubject(subject).size() == 1);
    MimeMessage told = mailsWithSubject(subject).getFirst();
    assertThat(recipients(told)).containsExactly(englishVendor.cisoEmail());
    String endInSeoul = ended.atZone(java.time.ZoneId.of("Asia/Seoul")).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    assertThat(Mails.text(told)).contains("ended on " + endInSeoul + " (Asia/Seoul)", "/reports/" + report.id);
    assertThat(told.getMessageID()).isEqualTo("<disclosure.embargo-expired." + report.id + "." + englishVendor.id() + "@haetae>");
  }

  record Report(UUID id, String title) {}

  private Report submit(String description) {
    String title = unique("Flaw in libfoo");
    var body = JsonMapper.builder().build().createObjectNode();
    body.put("title", title);
    body.put("description", description);
    body.putObject("package").put("ecosystem", "npm").put("name", unique("libfoo"));
    body.put("affectedVersions", "all");
    return new Report(intake.submit(reporter, body).id(), title);
  }

  private String embargo(UUID id) {
    return jdbc.sql("SELECT embargo_state FROM disclosure_case WHERE report_id = :r").param("r", id).query(String.class).single();
  }

  private MimeMessage only(Organisation org, String title) throws MessagingException {
    var to = mailsAbout(title).stream().filter(m -> recipients(m).contains(org.cisoEmail())).toList();
    assertThat(to).as("mails to " + org.name()).hasSize(1);
    return to.getFirst();
  }

  /** The invitations naming this title (whatever the language). */
  private static List<MimeMessage> mailsAbout(String title) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).contains(title)).toList();
  }

  private static List<MimeMessage> mailsWithSubject(String subject) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).equals(subject)).toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return String.valueOf(m.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
