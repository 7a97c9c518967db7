package io.haetae.engine.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityRatingTest {

  /** Scores from FIRST's calculators (v2 and v3 also from NVD's entries for these vectors). */
  @ParameterizedTest(name = "{0} = {1} {2}")
  @CsvSource({
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H,                   9.8, CRITICAL",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3, CRITICAL",
      "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:U/C:H/I:N/A:N,                   5.2, MEDIUM",
      "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H,                   6.5, MEDIUM",
      "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N,                   0.0, INFO",
      "AV:N/AC:M/Au:N/C:N/I:N/A:P,                                     4.3, MEDIUM",
      // v2 tops out at High: 10.0 is not Critical in NVD's v2 scale.
      "AV:N/AC:L/Au:N/C:C/I:C/A:C,                                     10.0, HIGH"})
  void ratesAVectorByItsComputedBaseScore(String vector, double score, Severity severity) {
    assertThat(SeverityRating.ofVector(vector)).contains(new SeverityRating(severity, score, vector));
  }

  @ParameterizedTest
  @CsvSource({"CVSS:3.1/AV:X/AC:L", "CVSS:9.9/AV:N", "not a vector", "''"})
  void ignoresAVectorThatDoesNotParse(String vector) {
    assertThat(SeverityRating.ofVector(vector)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "CRITICAL, CRITICAL", "Critical, CRITICAL", "Important, HIGH", "HIGH, HIGH", "MODERATE, MEDIUM",
      "Medium, MEDIUM", "low, LOW", "negligible, INFO", "unimportant, INFO", "Unknown, UNASSIGNED",
      "not yet assigned, UNASSIGNED"})
  void mapsTextualRatingsOfTheFeeds(String text, Severity severity) {
    assertThat(SeverityRating.ofText(text)).isEqualTo(severity);
  }

  @Test
  void prefersCvssV4OverAHigherV3() {
    // GHSA-2hjr-vmf3-xwvp carries v3.1 (5.2) and v4.0; v4 is the newer assessment.
    var rating = SeverityRating.of(OsvFixtures.advisory("real/GHSA-2hjr-vmf3-xwvp.json"));

    assertThat(rating.vector()).isEqualTo("CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:P/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N");
    assertThat(rating.severity()).isEqualTo(Severity.ofCvssScore(rating.score()));
    assertThat(rating.score()).isNotEqualTo(5.2);
  }

  @Test
  void prefersCvssV3OverV2() {
    var rating = SeverityRating.of(OsvFixtures.advisory("real/JLSEC-2025-101.json"));

    assertThat(rating).isEqualTo(new SeverityRating(Severity.MEDIUM, 6.5,
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H"));
  }

  @Test
  void readsVectorsOfAffectedPackages() {
    var rating = SeverityRating.of(OsvFixtures.advisory("real/BIT-activemq-2020-11998.json"));

    assertThat(rating).isEqualTo(new SeverityRating(Severity.CRITICAL, 9.8,
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
  }

  @Test
  void fallsBackToGhsaTextualRating() {
    var rating = SeverityRating.of(OsvFixtures.advisory("real/GHSA-3jx9-mgwx-4q83.json"));

    assertThat(rating).isEqualTo(new SeverityRating(Severity.MEDIUM, null, null));
  }

  @Test
  void fallsBackToEcosystemSpecificRating() {
    var rating = SeverityRating.of(OsvFixtures.advisory("real/OSV-2017-134.json"));

    assertThat(rating).isEqualTo(new SeverityRating(Severity.MEDIUM, null, null));
  }

  @Test
  void takesTheWorstTextualRatingAcrossPackagesAndSkipsBrokenVectors() {
    var advisory = read("""
        {"id":"DSA-HAETAE-1","modified":"2024-01-01T00:00:00Z",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:BROKEN"}],
         "affected":[
           {"package":{"ecosystem":"Debian:12","name":"a"},"database_specific":{"severity":"Moderate"}},
           {"package":{"ecosystem":"Debian:12","name":"b"},"ecosystem_specific":{"severity":"Important"}},
           {"package":{"ecosystem":"Debian:12","name":"c"},"ecosystem_specific":{"severity":{"odd":1}}}]}""");

    assertThat(SeverityRating.of(advisory)).isEqualTo(new SeverityRating(Severity.HIGH, null, null));
  }

  @Test
  void readsUbuntuTypedSeverityEntriesAsText() {
    var advisory = read("""
        {"id":"UBUNTU-HAETAE-1","modified":"2024-01-01T00:00:00Z",
         "severity":[{"type":"Ubuntu","score":"low"}]}""");

    assertThat(SeverityRating.of(advisory).severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void readsTheImpactPrefixOfRedHatStyleErrata() {
    // Summary as published in AlmaLinux/osv-database (almalinux10/ALSA-2025:10195.json).
    var advisory = read("""
        {"id":"ALSA-2025:10195","modified":"2025-07-03T07:55:03Z",
         "summary":"Important: thunderbird security update"}""");
    var notAnErratum = read("""
        {"id":"GHSA-xxxx-yyyy-zzzz","modified":"2025-07-03T07:55:03Z","summary":"Critical: not a prefix"}""");

    assertThat(SeverityRating.of(advisory).severity()).isEqualTo(Severity.HIGH);
    assertThat(SeverityRating.of(notAnErratum)).isEqualTo(SeverityRating.UNASSIGNED);
  }

  @Test
  void isUnassignedWithoutAnyRating() {
    var advisory = read("""
        {"id":"X-1","modified":"2024-01-01T00:00:00Z","database_specific":{"severity":"Unknown"}}""");

    assertThat(SeverityRating.of(advisory)).isEqualTo(SeverityRating.UNASSIGNED);
  }

  @Test
  void ratesEveryCorpusAdvisoryWithoutThrowing() throws IOException {
    var corpus = SharedData.require("corpora/osv");
    Map<Severity, Integer> bands = new EnumMap<>(Severity.class);
    try (var entries = new OsvSource().read(corpus)) {
      entries.forEach(entry -> {
        if (entry instanceof OsvSource.Accepted a) bands.merge(SeverityRating.of(a.advisory()).severity(), 1, Integer::sum);
      });
    }
    System.out.println("OSV corpus severity bands: " + bands);
    assertThat(bands.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(17_700);
    assertThat(bands).containsKeys(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
  }

  private static Advisory read(String json) {
    return switch (new OsvReader().read(OsvFixtures.MAPPER.readTree(json))) {
      case OsvReader.Parsed parsed -> parsed.advisory();
      case OsvReader.Rejected rejected -> throw new AssertionError(rejected.toString());
    };
  }
}
