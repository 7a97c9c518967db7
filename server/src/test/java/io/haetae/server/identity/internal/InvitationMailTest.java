package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.haetae.server.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 18 part 5: an invitation never fails for want of a mail server. The inviter sees the
 * link once with where its mail stands; the mail waits in the event publication registry and
 * goes out, in the organisation's language, once a server answers.
 */
@SpringBootTest
@ActiveProfiles("test")
class InvitationMailTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired IncompleteEventPublications incomplete;
  @Autowired JdbcClient jdbc;

  MockMvc mvc;

  @BeforeEach
  void connect() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void inviteWithoutAMailServerShowsTheLinkAndSendsTheMailInTheOrganisationsLanguageOnceOneAnswers() throws Exception {
    NewOrganisation org = organisations.create(unique("Water"), unique("ciso") + "@water.test", "water", false);
    Caller ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    var english = mvc.perform(post("/org/language").param("language", "en").with(as(ciso)).with(csrf())).andReturn();
    assertThat(english.getResponse().getRedirectedUrl()).isEqualTo("/org/members");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'organisation.language' AND org_id = :o")
        .param("o", org.organisation().id()).query(Long.class).single()).isEqualTo(1);

    mail.stop();
    String member = unique("analyst") + "@water.test";
    var invited = mvc.perform(post("/org/members").param("email", member).param("role", "MEMBER").with(as(ciso)).with(csrf()))
        .andReturn();
    assertThat(invited.getResponse().getRedirectedUrl()).isEqualTo("/org/members");
    String link = (String) invited.getFlashMap().get("invitedLink");
    assertThat(link).contains("/invitation/inv_");
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM identity_invitation WHERE email = :e AND mail_problem IS NOT NULL").param("e", member)
        .query(Long.class).single() == 1);

    // The page the form redirects to: the link, once, and why the mail has not arrived.
    var flash = invited.getFlashMap();
    var shown = mvc.perform(get("/org/members?lang=en").with(as(ciso)).flashAttrs(flash)).andReturn().getResponse().getContentAsString();
    assertThat(shown).contains(link.replace("&", "&amp;"), "could not be sent yet");
    var again = mvc.perform(get("/org/members?lang=en").with(as(ciso))).andReturn().getResponse().getContentAsString();
    assertThat(again).doesNotContain(link);
    var open = java.util.regex.Pattern.compile("<tr class=\"open-invitation\">(.*?)</tr>", java.util.regex.Pattern.DOTALL)
        .matcher(again);
    assertThat(open.find()).isTrue();
    assertThat(open.group(1)).contains(member, "not sent yet");

    mail.start();
    // Only this step's invitation: other test classes' open publications share the database.
    incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof InvitationCreated created
        && created.email().equals(member));
    await().atMost(Duration.ofSeconds(20)).until(() -> received(member).size() == 1);
    MimeMessage message = received(member).getFirst();
    assertThat(message.getSubject()).isEqualTo("[Haetae] Invitation to " + org.organisation().name());
    assertThat((String) message.getContent()).contains(link, "Member (read-only)");
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM identity_invitation WHERE email = :e AND mailed_at IS NOT NULL AND mail_problem IS NULL")
        .param("e", member).query(Long.class).single() == 1);
  }

  @Test
  void invitationMailIsKoreanUnlessTheOrganisationChoseEnglish() throws Exception {
    NewOrganisation org = organisations.create(unique("Gas"), unique("ciso") + "@gas.test", "energy", false);
    Caller ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    String member = unique("member") + "@gas.test";
    mvc.perform(post("/org/members").param("email", member).param("role", "MEMBER").with(as(ciso)).with(csrf()));
    await().atMost(Duration.ofSeconds(20)).until(() -> received(member).size() == 1);
    assertThat(received(member).getFirst().getSubject()).isEqualTo("[해태] " + org.organisation().name() + " 초대");
  }

  @Test
  void linksNameTheConfiguredAddressElseTheOneTheInviterUsed() {
    assertThat(Invitations.linkBase("https://haetae.example.org/", "http://10.0.0.5:8080")).isEqualTo("https://haetae.example.org");
    assertThat(Invitations.linkBase("http://localhost:8080", "http://10.0.0.5:8080")).isEqualTo("http://10.0.0.5:8080");
    assertThat(Invitations.linkBase("http://127.0.0.1:8080", "https://hub.cert.example")).isEqualTo("https://hub.cert.example");
    assertThat(Invitations.linkBase("http://localhost:8080", null)).isEqualTo("http://localhost:8080");
  }

  @Test
  void everyFormThatPostsCarriesTheCsrfToken() throws Exception {
    // A plain action="..." gets no hidden _csrf field from Thymeleaf: the post then answers 403.
    Path templates = Path.of("src/main/resources/templates");
    try (Stream<Path> files = Files.walk(templates)) {
      var offenders = files.filter(f -> f.toString().endsWith(".html")).flatMap(f -> {
        try {
          String html = Files.readString(f);
          return java.util.regex.Pattern.compile("<form\\b[^>]*>", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(html).results()
              .map(m -> m.group())
              .filter(tag -> !tag.toLowerCase().contains("method=\"get\"") && !tag.contains("th:action"))
              .map(tag -> templates.relativize(f) + ": " + tag);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      assertThat(offenders).isEmpty();
    }
  }

  private static List<MimeMessage> received(String to) {
    return Stream.of(mail.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(to);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
