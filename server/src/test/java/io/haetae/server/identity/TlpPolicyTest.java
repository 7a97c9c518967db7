package io.haetae.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The TLP 2.0 audience table of docs/access.md, case by case. */
class TlpPolicyTest {

  static final UUID ORIGIN = UUID.randomUUID();
  static final UUID ENERGY_CO = UUID.randomUUID();
  static final UUID HEALTH_CO = UUID.randomUUID();
  static final Caller NATIONAL = new Caller(UUID.randomUUID(), "CERT", "op", Role.OPERATOR);
  static final Caller ORIGINATOR = new Caller(ORIGIN, "Origin", "ciso", Role.CISO, Set.of("water"));
  static final Caller ENERGY_CISO = new Caller(ENERGY_CO, "Energy", "ciso", Role.CISO, Set.of("energy"));
  static final Caller ENERGY_MEMBER = new Caller(ENERGY_CO, "Energy", "member", Role.MEMBER, Set.of("energy"));
  static final Caller ENERGY_REPORTER = new Caller(ENERGY_CO, "Energy", "reporter", Role.REPORTER, Set.of("energy"));
  static final Caller HEALTH_CISO = new Caller(HEALTH_CO, "Health", "ciso", Role.CISO, Set.of("health"));
  static final Caller ENERGY_ISAC = new Caller(UUID.randomUUID(), "E-ISAC", "analyst", Role.ISAC_ANALYST, Set.of("energy"));
  static final Caller ENERGY_MINISTRY = new Caller(UUID.randomUUID(), "MoE", "op", Role.SECTOR_OPERATOR, Set.of("energy"));

  static Marking marking(Tlp tlp) {
    return new Marking(tlp, ORIGIN, "energy");
  }

  @Test
  void clearIsForEveryoneGreenForTheCommunity() {
    assertThat(TlpPolicy.maySee(null, Marking.PUBLIC)).isTrue();
    assertThat(TlpPolicy.maySee(null, marking(Tlp.GREEN))).isFalse();
    assertThat(TlpPolicy.maySee(HEALTH_CISO, marking(Tlp.GREEN))).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_REPORTER, marking(Tlp.GREEN))).isTrue();
  }

  @Test
  void amberReachesTheAudienceSectorItsOperatorsAndIsacButNoOneElse() {
    Marking amber = marking(Tlp.AMBER);
    assertThat(TlpPolicy.maySee(NATIONAL, amber)).isTrue();
    assertThat(TlpPolicy.maySee(ORIGINATOR, amber)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_CISO, amber)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_MEMBER, amber)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_ISAC, amber)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_MINISTRY, amber)).isTrue();
    assertThat(TlpPolicy.maySee(HEALTH_CISO, amber)).isFalse();
    assertThat(TlpPolicy.maySee(ENERGY_REPORTER, amber)).isFalse();
    assertThat(TlpPolicy.maySee(null, amber)).isFalse();
  }

  @Test
  void amberStrictStaysWithTheRecipientOrganisations() {
    Marking strict = marking(Tlp.AMBER_STRICT);
    assertThat(TlpPolicy.maySee(ENERGY_CISO, strict)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_ISAC, strict)).isFalse();
    assertThat(TlpPolicy.maySee(ENERGY_MINISTRY, strict)).isFalse();
    assertThat(TlpPolicy.maySee(HEALTH_CISO, strict)).isFalse();
  }

  @Test
  void redIsForTheOriginatorAndNationalOperatorsOnly() {
    Marking red = marking(Tlp.RED);
    assertThat(TlpPolicy.maySee(NATIONAL, red)).isTrue();
    assertThat(TlpPolicy.maySee(ORIGINATOR, red)).isTrue();
    assertThat(TlpPolicy.maySee(ENERGY_CISO, red)).isFalse();
    assertThat(TlpPolicy.maySee(ENERGY_MINISTRY, red)).isFalse();
  }

  @Test
  void organisationsAreAdmittedToMatchingByTheSameRules() {
    var energy = new Organisation(ENERGY_CO, "Energy", "energy", "c@e", false, Instant.now());
    var health = new Organisation(HEALTH_CO, "Health", "health", "c@h", false, Instant.now());
    assertThat(TlpPolicy.admits(marking(Tlp.AMBER), energy)).isTrue();
    assertThat(TlpPolicy.admits(marking(Tlp.AMBER), health)).isFalse();
    assertThat(TlpPolicy.admits(marking(Tlp.RED), energy)).isFalse();
    assertThat(TlpPolicy.admits(Marking.PUBLIC, health)).isTrue();
  }

  @Test
  void labelsParseAndPrintAsTlp2WritesThem() {
    assertThat(Tlp.parse("TLP:AMBER+STRICT")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.AMBER_STRICT.label()).isEqualTo("TLP:AMBER+STRICT");
    assertThat(Tlp.parse(null)).isEqualTo(Tlp.CLEAR);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tlp.parse("WHITE")).hasMessageContaining("'tlp'");
  }
}
