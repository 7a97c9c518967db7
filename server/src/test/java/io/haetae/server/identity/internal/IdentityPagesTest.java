package io.haetae.server.identity.internal;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.NewOrganisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SectorCode;
import io.haetae.server.identity.SizeClass;
import io.haetae.server.support.TestSmtp;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 18 parts 7 to 9 on the identity pages: the TOTP secret as a QR code drawn by the hub,
 * keys that say their role, an audit log that names organisations in local time, and sectors
 * chosen from one list in one spelling.
 */
@SpringBootTest
@ActiveProfiles("test")
class IdentityPagesTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(TestSmtp.setup());

  @Autowired WebApplicationContext context;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;
  @Autowired javax.sql.DataSource dataSource;

  MockMvc mvc;

  @BeforeEach
  void connect() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void totpEnrolmentShowsAQrCodeOfTheOtpauthUriDrawnByTheHub() throws Exception {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    var signIn = mvc.perform(post("/login").param("username", cert.organisation().cisoEmail()).param("password", cert.cisoPassword())
        .with(csrf()).with(r -> { r.setRemoteAddr("10.31.0.1"); return r; })).andReturn();
    assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
    var session = (MockHttpSession) signIn.getRequest().getSession();

    String page = mvc.perform(get("/login/totp").session(session)).andReturn().getResponse().getContentAsString();
    var uri = Pattern.compile("id=\"totp-uri\"[^>]*>(otpauth://[^<]+)<").matcher(page);
    assertThat(uri.find()).isTrue();
    var img = Pattern.compile("<img id=\"totp-qr\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
    assertThat(img.find()).as("an inline PNG, no external service").isTrue();

    var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    String decoded = new QRCodeReader().decode(bitmap).getText();
    assertThat(decoded).isEqualTo(uri.group(1).replace("&amp;", "&")).startsWith("otpauth://totp/Haetae:");
  }

  @Test
  void keysSayTheirRoleAndANewKeysRoleIsChosenNeverAssumed() throws Exception {
    NewOrganisation org = organisations.create(unique("Keyed"), unique("ciso") + "@keyed.test", "energy", false);
    Caller ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);

    var none = mvc.perform(post("/org/keys").param("name", "ci").with(as(ciso)).with(csrf())).andReturn();
    assertThat((String) none.getFlashMap().get("problem")).contains("'role'");
    assertThat(none.getFlashMap().containsKey("newKey")).isFalse();
    var tooMuch = mvc.perform(post("/org/keys").param("name", "ci").param("role", "OPERATOR").with(as(ciso)).with(csrf())).andReturn();
    assertThat((String) tooMuch.getFlashMap().get("problem")).contains("more than");
    var member = mvc.perform(post("/org/keys").param("name", "scanner").param("role", "MEMBER").with(as(ciso)).with(csrf())).andReturn();
    assertThat(member.getFlashMap().get("newKeyRole")).isEqualTo("MEMBER");
    assertThat(organisations.authenticate((String) member.getFlashMap().get("newKey")).orElseThrow().role()).isEqualTo(Role.MEMBER);

    String page = mvc.perform(get("/org/keys?lang=en").with(as(ciso))).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("<option value=\"\">Choose the key&#39;s role</option>").doesNotContain("value=\"OPERATOR\"");
    assertThat(Pattern.compile("class=\"key-role\">([^<]*)<").matcher(page).results().map(m -> m.group(1)).toList())
        .containsExactlyInAnyOrder("Member (read-only)", "CISO");
    assertThat(page).containsPattern(">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</time>");

    // Keys from before roles were stored name the role they acted with (V13), and the command line's keys name theirs.
    String cliKey = organisations.issueKey(org.organisation().id(), "cli", Role.REPORTER);
    assertThat(organisations.authenticate(cliKey).orElseThrow().role()).isEqualTo(Role.REPORTER);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_api_key WHERE role IS NULL").query(Long.class).single()).isZero();
  }

  @Test
  void auditLogNamesOrganisationsInLocalTimeAndKeepsTheirIdsInTheExports() throws Exception {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    NewOrganisation org = organisations.create(unique("Named"), unique("ciso") + "@named.test", "energy", false);
    Caller ciso = new Caller(org.organisation().id(), org.organisation().name(), org.organisation().cisoEmail(), Role.CISO);
    Caller operator = new Caller(cert.organisation().id(), cert.organisation().name(), cert.organisation().cisoEmail(), Role.OPERATOR);
    mvc.perform(post("/org/language").param("language", "en").with(as(ciso)).with(csrf()));

    String page = mvc.perform(get("/audit?action=organisation.language").with(as(operator))).andReturn().getResponse().getContentAsString();
    var row = Pattern.compile("<tr class=\"audit-entry\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
    assertThat(row.find()).isTrue();
    assertThat(row.group(1)).contains("<td class=\"organisation\">" + org.organisation().name() + "</td>")
        .doesNotContain(org.organisation().id().toString())
        .containsPattern("<time datetime=\"[^\"]+\\+09:00\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</time>");
  }

  @Test
  void sectorsAreChosenFromOneListInOneSpelling() throws Exception {
    NewOrganisation cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", "government", true);
    Caller operator = new Caller(cert.organisation().id(), cert.organisation().name(), cert.organisation().cisoEmail(), Role.OPERATOR);
    assertThat(SectorCode.normalise("  Water ")).isEqualTo("water");
    assertThat(SectorCode.normalise(" ")).isNull();

    String page = mvc.perform(get("/admin/organisations").with(as(operator))).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("<select name=\"sector\" required>", "<option value=\"water\">수도</option>")
        .doesNotContain("<input name=\"sector\"");

    var duplicate = mvc.perform(post("/admin/sectors").param("code", " WATER ").param("nameEn", "Water").param("nameKo", "수도")
        .with(as(operator)).with(csrf())).andReturn();
    assertThat((String) duplicate.getFlashMap().get("problem")).contains("'water' is listed already");
    String code = "port-" + UUID.randomUUID().toString().substring(0, 8);
    var added = mvc.perform(post("/admin/sectors").param("code", code.toUpperCase()).param("nameEn", "Ports").param("nameKo", "항만")
        .with(as(operator)).with(csrf())).andReturn();
    assertThat(added.getFlashMap().get("sectorAdded")).isEqualTo(code);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_audit WHERE action = 'sector.create' AND target LIKE :t")
        .param("t", code + "%").query(Long.class).single()).isEqualTo(1);

    var org = organisations.register(operator, unique("Harbour"), code.toUpperCase(), SizeClass.SME, unique("ciso") + "@harbour.test", Role.CISO);
    assertThat(org.sector()).isEqualTo(code);
    assertThatThrownBy(() -> organisations.register(operator, unique("Nowhere"), "no-such-sector", SizeClass.SME,
        unique("ciso") + "@nowhere.test", Role.CISO)).hasMessageContaining("'sector'");
    // The command line names sectors freely: listed once, lower case.
    var cli = organisations.create(unique("Cli"), unique("ciso") + "@cli.test", " " + code.toUpperCase(), false);
    assertThat(cli.organisation().sector()).isEqualTo(code);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_sector WHERE LOWER(code) = :c").param("c", code).query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void migrationMergesSectorsThatDifferOnlyInCase() {
    NewOrganisation ministry = organisations.create(unique("Ministry"), unique("sec") + "@ministry.test", null,
        SizeClass.MINISTRY, Role.SECTOR_OPERATOR);
    String code = "merge-" + UUID.randomUUID().toString().substring(0, 8);
    String capitalised = Character.toUpperCase(code.charAt(0)) + code.substring(1);
    jdbc.sql("INSERT INTO identity_sector (code, name, ministry_id) VALUES (:c, 'Merged', :m)")
        .param("c", capitalised).param("m", ministry.organisation().id()).update();
    jdbc.sql("INSERT INTO identity_sector (code, name) VALUES (:c, 'Merged too')").param("c", " " + code.toUpperCase()).update();
    NewOrganisation org = organisations.create(unique("Variant"), unique("ciso") + "@variant.test", null, false);
    jdbc.sql("UPDATE identity_organisation SET sector = :s WHERE id = :id").param("s", code.toUpperCase() + " ")
        .param("id", org.organisation().id()).update();

    new ResourceDatabasePopulator(new ClassPathResource("db/migration/identity/V15__sector_codes_merged.sql")).execute(dataSource);

    assertThat(jdbc.sql("SELECT code FROM identity_sector WHERE LOWER(TRIM(code)) = :c").param("c", code).query(String.class).list())
        .containsExactly(code);
    assertThat(jdbc.sql("SELECT ministry_id FROM identity_sector WHERE code = :c").param("c", code).query(UUID.class).single())
        .isEqualTo(ministry.organisation().id());
    assertThat(organisations.find(org.organisation().id()).orElseThrow().sector()).isEqualTo(code);
  }

  private static RequestPostProcessor as(Caller caller) {
    return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority()))));
  }
}
