package io.haetae.engine.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.AffectedRange.RangeType;
import io.haetae.engine.advisory.RangeEvent.Fixed;
import io.haetae.engine.advisory.RangeEvent.Introduced;
import io.haetae.engine.advisory.RangeEvent.LastAffected;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsvReaderTest {

  @Test
  void readsAGoAdvisoryFieldByField() {
    var advisory = OsvFixtures.advisory("real/GO-2020-0001.json");

    assertThat(advisory.id()).isEqualTo("GO-2020-0001");
    assertThat(advisory.aliases()).containsExactly("CVE-2020-36567", "GHSA-6vm3-jj99-7229");
    // The Go database writes the zero time for "modified"; it is still a valid timestamp.
    assertThat(advisory.modified()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(advisory.published()).isEqualTo(Instant.parse("2021-04-14T20:04:52Z"));
    assertThat(advisory.withdrawn()).isNull();
    assertThat(advisory.summary()).isEqualTo("Arbitrary log line injection in github.com/gin-gonic/gin");
    var affected = advisory.affected().getFirst();
    assertThat(affected.ecosystem()).isEqualTo("Go");
    assertThat(affected.name()).isEqualTo("github.com/gin-gonic/gin");
    assertThat(affected.ranges()).containsExactly(new AffectedRange(RangeType.SEMVER, null,
        java.util.List.of(new Introduced("0"), new Fixed("1.6.0")), null));
    assertThat(affected.ecosystemSpecific()).startsWith("{\"imports\":[{\"path\":\"github.com/gin-gonic/gin\"");
    assertThat(advisory.references()).hasSize(2).first()
        .isEqualTo(new Reference("FIX", "https://github.com/gin-gonic/gin/pull/2237"));
  }

  @Test
  void keepsTheRecordAsCompactJsonIncludingFieldsTheModelDoesNotMap() {
    var advisory = OsvFixtures.advisory("real/GO-2020-0001.json");

    assertThat(OsvFixtures.MAPPER.readTree(advisory.json())).isEqualTo(OsvFixtures.tree("real/GO-2020-0001.json"));
    assertThat(advisory.json()).doesNotContain("\n").contains("\"credits\":[{\"name\":\"@thinkerou");
  }

  @Test
  void readsGitRangesOfPackagelessCpythonAdvisories() {
    var advisory = OsvFixtures.advisory("real/PSF-2007-1.json");

    var affected = advisory.affected().getFirst();
    assertThat(affected.ecosystem()).isNull();
    assertThat(affected.name()).isNull();
    var range = affected.ranges().getFirst();
    assertThat(range.type()).isEqualTo(RangeType.GIT);
    assertThat(range.repo()).isEqualTo("https://github.com/python/cpython");
    assertThat(range.events()).containsExactly(
        new Introduced("0"), new Fixed("4df1b6d478020ac51c84467f47e42083f53adbad"));
  }

  @Test
  void readsWithdrawnPypiAdvisoryWithPurlAndVersionsAndMicrosecondTimestamp() {
    var advisory = OsvFixtures.advisory("real/PYSEC-2019-144.json");

    assertThat(advisory.isWithdrawn()).isTrue();
    assertThat(advisory.withdrawn()).isEqualTo(Instant.parse("2022-09-09T05:28:00Z"));
    assertThat(advisory.modified()).isEqualTo(Instant.parse("2021-06-10T06:51:33.535067Z"));
    var affected = advisory.affected().getFirst();
    assertThat(affected.purl()).isEqualTo("pkg:pypi/arrayfire");
    assertThat(affected.versions()).hasSize(20).startsWith("3.0.20150914").endsWith("3.5.20170817");
  }

  @Test
  void readsLastAffectedSeverityAndDatabaseSpecific() {
    var advisory = OsvFixtures.advisory("real/BIT-discourse-2023-44391.json");

    var affected = advisory.affected().getFirst();
    assertThat(affected.ranges().getFirst().events())
        .containsExactly(new Introduced("0"), new LastAffected("3.1.1"));
    assertThat(affected.severity())
        .containsExactly(new SeverityScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"));
    assertThat(advisory.json()).contains("\"database_specific\":{\"severity\":\"Medium\"");
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      missing-id.json              | /id                             | is required
      missing-modified.json        | /modified                       | is required
      bad-modified.json            | /modified                       | not an RFC 3339 timestamp: 'yesterday'
      event-with-two-kinds.json    | /affected/0/ranges/1/events/2   | event must have exactly one of introduced, fixed, last_affected, limit; has introduced, fixed
      empty-events.json            | /affected/0/ranges/0/events     | range has no events
      non-string-event.json        | /affected/0/ranges/0/events/1/fixed | expected a string, found NUMBER
      unknown-range-type.json      | /affected/0/ranges/0/type       | unknown range type 'RANGE' (expected SEMVER, ECOSYSTEM or GIT)
      package-without-name.json    | /affected/0/package/name        | is required
      git-without-repo.json        | /affected/0/ranges/0            | GIT range has no repo
      aliases-not-array.json       | /aliases                        | expected an array, found STRING
      """)
  void rejectsABadRecordNamingThePointerAndReason(String fixture, String pointer, String reason) {
    var result = new OsvReader().read(OsvFixtures.tree("bad/" + fixture));

    assertThat(result).isEqualTo(new OsvReader.Rejected(pointer, reason));
  }

  @Test
  void rejectsANonObjectRecordAtTheRoot() {
    var result = new OsvReader().read(OsvFixtures.MAPPER.readTree("[1,2]"));

    assertThat(result).isEqualTo(new OsvReader.Rejected("", "expected an object"));
  }

  @ParameterizedTest
  @CsvSource({
      "2024-03-01T12:34:56Z,          2024-03-01T12:34:56Z",
      "2024-03-01T12:34:56.123456789Z, 2024-03-01T12:34:56.123456789Z",
      "2024-03-01T12:34Z,             2024-03-01T12:34:00Z",
      "2024-03-01T12:34:56,           2024-03-01T12:34:56Z",
      "2024-03-01T14:34:56+02:00,     2024-03-01T12:34:56Z",
      "2024-03-01T14:34:56+0200,      2024-03-01T12:34:56Z",
      "2024-03-01 12:34:56z,          2024-03-01T12:34:56Z",
      "2024-03-01,                    2024-03-01T00:00:00Z"})
  void acceptsRealWorldTimestampVariants(String text, Instant expected) {
    assertThat(OsvTimestamp.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"yesterday", "2024-13-01T00:00:00Z", "2024-03-01T25:00:00Z", "2024-03-01T12:34:56Zjunk", "''"})
  void refusesTextThatIsNoTimestamp(String text) {
    assertThat(OsvTimestamp.parse(text)).isEmpty();
  }
}
