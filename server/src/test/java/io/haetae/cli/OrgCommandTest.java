package io.haetae.cli;

import static io.haetae.cli.CliTest.haetae;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.HaetaeApplication;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** {@code haetae org create} with each role, and {@code haetae org import}. */
@SpringBootTest(classes = HaetaeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrgCommandTest {

  @Autowired OrganisationService organisations;
  @Autowired JdbcClient jdbc;

  @Test
  void aSectorOperatorsMinistrySupervisesItsSectorsAndItsKeyActsAsSectorOperator() {
    String energy = unique("energy"), water = unique("water");
    var run = haetae("org", "create", unique("Ministry of Environment"), "--ciso", unique("op") + "@me.test",
        "--role", "sector-operator", "--supervises", energy.toUpperCase() + "," + water, "--spring.profiles.active=test");

    assertThat(run.code()).as(run.err()).isZero();
    var caller = organisations.authenticate(run.lines().getLast()).orElseThrow();
    assertThat(caller.role()).isEqualTo(Role.SECTOR_OPERATOR);
    assertThat(caller.sectors()).containsExactlyInAnyOrder(energy, water);
    assertThat(organisations.find(caller.orgId()).orElseThrow().sizeClass().name()).isEqualTo("MINISTRY");
    assertThat(jdbc.sql("SELECT ministry_id FROM identity_sector WHERE code = :c").param("c", energy).query(UUID.class).single())
        .isEqualTo(caller.orgId());
  }

  @Test
  void eachRoleGetsAKeyOfThatRole() {
    record Case(String[] args, Role role, String kind) {}
    var cases = new Case[] {
        new Case(new String[] {}, Role.CISO, "LARGE_COMPANY"),
        new Case(new String[] {"--role", "isac-analyst", "--sector", "Energy"}, Role.ISAC_ANALYST, "ISAC"),
        new Case(new String[] {"--role", "operator"}, Role.OPERATOR, "AGENCY"),
        new Case(new String[] {"--operator"}, Role.OPERATOR, "AGENCY")};
    for (Case c : cases) {
      var args = new java.util.ArrayList<>(java.util.List.of("org", "create", unique("Org"), "--ciso", unique("u") + "@org.test"));
      args.addAll(java.util.List.of(c.args()));
      args.add("--spring.profiles.active=test");
      var run = haetae(args.toArray(String[]::new));
      assertThat(run.code()).as(run.err()).isZero();
      var caller = organisations.authenticate(run.lines().getLast()).orElseThrow();
      assertThat(caller.role()).isEqualTo(c.role());
      assertThat(organisations.find(caller.orgId()).orElseThrow().sizeClass().name()).isEqualTo(c.kind());
    }
  }

  @Test
  void aSectorOperatorWithoutSectorsOrAnUnknownRoleIsRefused() {
    var noSectors = haetae("org", "create", unique("Ministry"), "--ciso", unique("m") + "@m.test", "--role", "sector-operator",
        "--spring.profiles.active=test");
    assertThat(noSectors.code()).isEqualTo(2);
    assertThat(noSectors.err()).contains("--supervises");
    var unknown = haetae("org", "create", unique("X"), "--ciso", unique("x") + "@x.test", "--role", "king", "--spring.profiles.active=test");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--role");
  }

  @Test
  void orgImportPrintsTheCountsAndTheRejectedLines() throws Exception {
    String tag = unique("t");
    Path csv = Files.createTempFile("orgs", ".csv");
    Files.writeString(csv, "name,ciso_email,sector,size\n"
        + "Cli One " + tag + ",one-" + tag + "@x.test,water,small\n"
        + "Cli Two " + tag + ",two-" + tag + "@x.test,water,tiny\n", StandardCharsets.UTF_8);

    var first = haetae("org", "import", csv.toString(), "--spring.profiles.active=test");
    assertThat(first.code()).isEqualTo(1);
    assertThat(first.out()).contains("created 1, updated 0, unchanged 0, rejected 1");
    assertThat(first.err()).contains(csv.getFileName() + ", line 3, size: must be micro, small, medium or large, not 'tiny'");
    var again = haetae("org", "import", csv.toString(), "--spring.profiles.active=test");
    assertThat(again.out()).contains("created 0, updated 0, unchanged 1, rejected 1");
  }
}
