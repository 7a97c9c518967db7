package io.haetae.server.identity;

import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.server.support.HubClient;
import io.haetae.server.web.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The organisation CSV import: what it creates, updates and rejects, and that it can be run again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrganisationImportTest {

  @LocalServerPort int port;
  @Autowired OrganisationImport imports;
  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;

  Caller operator;
  String tag;

  @BeforeEach
  void anOperator() {
    var cert = organisations.create(unique("CERT"), unique("op") + "@cert.test", null, true).organisation();
    operator = new Caller(cert.id(), cert.name(), "op@cert.test", Role.OPERATOR);
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createsGoodRowsAndNamesEachBrokenOneByLineAndField() {
    String csv = "\uFEFFname,ciso_email,sector,size,domains\r\n"
        + "\"Han River Water, Inc.\",ciso-" + tag + "@hanriver.test, Water ,small,hanriver.test; www.hanriver.test\r\n"
        + "Busan Water," + "CISO-" + tag + "@Busan.test,water,MEDIUM,\r\n"
        + "No Mail " + tag + ",not-an-address,water,small,\r\n"
        + "Huge " + tag + ",huge-" + tag + "@x.test,water,enormous,\r\n"
        + "Short " + tag + ",short-" + tag + "@x.test,water\r\n"
        + "\"Quoted\nName " + tag + "\",q-" + tag + "@x.test,water,large,\r\n"
        + "Bad Domain " + tag + ",bd-" + tag + "@x.test,water,micro,not a domain!\r\n"
        + "Again " + tag + ",ciso-" + tag + "@hanriver.test,water,small,\r\n";

    ImportReport report = imports.importCsv(operator, csv.getBytes(StandardCharsets.UTF_8));

    assertThat(report.created()).isEqualTo(3);
    assertThat(report.rejected()).extracting(ImportReport.Rejection::toString).containsExactly(
        "line 4, ciso_email: 'not-an-address' is not an e-mail address",
        "line 5, size: must be micro, small, medium or large, not 'enormous'",
        "line 6, row: expected 5 fields, found 3",
        "line 9, domains: 'not' is not a domain name",
        "line 10, ciso_email: 'ciso-" + tag + "@hanriver.test' is also on line 2");
    var hanRiver = row("ciso-" + tag + "@hanriver.test");
    assertThat(hanRiver).containsEntry("name", "Han River Water, Inc.").containsEntry("sector", "water")
        .containsEntry("business_size", "SMALL").containsEntry("size_class", "SME")
        .containsEntry("domains", "hanriver.test www.hanriver.test");
    assertThat(row("ciso-" + tag + "@busan.test")).containsEntry("business_size", "MEDIUM");
    assertThat(row("q-" + tag + "@x.test")).containsEntry("name", "Quoted\nName " + tag).containsEntry("size_class", "LARGE_COMPANY");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_organisation WHERE ciso_email IN ('huge-" + tag + "@x.test', 'bd-" + tag + "@x.test')")
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_user WHERE email = :e").param("e", "ciso-" + tag + "@hanriver.test")
        .query(Long.class).single()).as("no account, no mail: the operator invites").isZero();
  }

  @Test
  void importingTheSameFileAgainChangesNothingAndAChangedRowUpdatesByCisoEmail() {
    String csv = "name,ciso_email,sector,size\n"
        + "Alpha " + tag + ",a-" + tag + "@alpha.test,Energy " + tag + ",large\n"
        + "Beta " + tag + ",b-" + tag + "@beta.test,energy " + tag + ",micro\n";
    assertThat(imports.importCsv(operator, csv.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImportReport(2, 0, 0, java.util.List.of()));
    UUID alpha = (UUID) row("a-" + tag + "@alpha.test").get("id");

    assertThat(imports.importCsv(operator, csv.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImportReport(0, 0, 2, java.util.List.of()));
    String changed = csv.replace("Alpha " + tag + ",", "Alpha Renamed " + tag + ",").replace("micro", "small");
    assertThat(imports.importCsv(operator, changed.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ImportReport(0, 2, 0, java.util.List.of()));
    assertThat(row("a-" + tag + "@alpha.test")).containsEntry("id", alpha).containsEntry("name", "Alpha Renamed " + tag);
  }

  @Test
  void sectorsAreOneWhateverTheirSpellingAndUnknownOnesJoinTheSectorList() {
    String csv = "name,ciso_email,sector,size\n"
        + "One " + tag + ",1-" + tag + "@x.test,Water  Supply " + tag + ",small\n"
        + "Two " + tag + ",2-" + tag + "@x.test,  water supply " + tag.toUpperCase() + " ,small\n";
    imports.importCsv(operator, csv.getBytes(StandardCharsets.UTF_8));

    String code = "water supply " + tag;
    assertThat(jdbc.sql("SELECT code FROM identity_sector WHERE LOWER(code) = :c").param("c", code).query(String.class).list())
        .containsExactly(code);
    assertThat(row("1-" + tag + "@x.test")).containsEntry("sector", code);
    assertThat(row("2-" + tag + "@x.test")).containsEntry("sector", code);
  }

  @Test
  void aFileWithoutTheNeededColumnsOrNotInUtf8IsRefusedWhole() {
    assertThatThrownBy(() -> imports.importCsv(operator, "name,email,sector,size\nA,a@a.test,x,small\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("line 1").hasMessageContaining("'ciso_email'");
    assertThatThrownBy(() -> imports.importCsv(operator, "name,ciso_email,sector,size\n\"Caf\u00e9\",a@a.test,x,small\n"
        .getBytes(StandardCharsets.ISO_8859_1))).isInstanceOf(BadInputException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void theApiTakesCsvFromTheNationalOperatorOnly() {
    var hub = new HubClient(port);
    String operatorKey = organisations.create(unique("CERT"), unique("op") + "@cert.test", null, true).apiKey();
    String cisoKey = organisations.create(unique("Org"), unique("ciso") + "@org.test", "water", false).apiKey();
    String csv = "name,ciso_email,sector,size\nApi " + tag + ",api-" + tag + "@x.test,water,small\nBroken " + tag + ",,water,small\n";

    var refused = hub.http().post().uri("/api/v1/organisations/import").header("X-Api-Key", cisoKey)
        .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toBodilessEntity();
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    var done = hub.http().post().uri("/api/v1/organisations/import").header("X-Api-Key", operatorKey)
        .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve()
        .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(done.getBody()).containsEntry("created", 1).containsEntry("rejectedCount", 1);
    assertThat(done.getBody().get("rejected").toString()).contains("line=3").contains("field=ciso_email");
    var noHeader = hub.http().post().uri("/api/v1/organisations/import").header("X-Api-Key", operatorKey)
        .contentType(MediaType.parseMediaType("text/csv")).body("a,b\n").retrieve()
        .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(noHeader.getStatusCode().value()).isEqualTo(400);
    assertThat((String) noHeader.getBody().get("detail")).contains("line 1");
  }

  private Map<String, Object> row(String email) {
    return jdbc.sql("SELECT id, name, sector, business_size, size_class, domains FROM identity_organisation WHERE ciso_email = :e")
        .param("e", email).query().singleRow();
  }
}
