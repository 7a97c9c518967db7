package io.haetae.engine.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PurlDeriverTest {

  private static Component component(String group, String name, String version, String cpe) {
    return new Component(null, "library", group, name, version, null, cpe, List.of());
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      org.apache.logging.log4j | log4j-core        | 2.14.1  | pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
      @angular                 | core              | 15.2.0  | pkg:npm/%40angular/core@15.2.0
      -                        | @babel/traverse   | 7.22.5  | pkg:npm/%40babel/traverse@7.22.5
      -                        | golang.org/x/net  | v0.17.0 | pkg:golang/golang.org/x/net@v0.17.0
      -                        | lodash            | 4.17.20 | -
      org.example              | thing             | -       | -
      acme                     | widget            | 1.0     | -""")
  void derivesAPurlOnlyWhereTheShapeNamesTheEcosystem(String group, String name, String version, String expected) {
    assertThat(PurlDeriver.derive(component(group, name, version, null)).orElse(null)).isEqualTo(expected);
  }

  @Test
  void explainsWhyAComponentCannotBeMatched() {
    assertThat(PurlDeriver.unmatchedReason(component("org.apache.commons", "commons-text", "1.9", null))).isNull();
    assertThat(PurlDeriver.unmatchedReason(component(null, "openssl", "1.1.1k", "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*")))
        .isEqualTo("only a CPE (cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*); advisories are keyed by package");
    assertThat(PurlDeriver.unmatchedReason(component(null, "acme-lib", null, null))).isEqualTo("no version");
    assertThat(PurlDeriver.unmatchedReason(component(null, "acme-lib", "1.0", null)))
        .isEqualTo("no package-url, and none can be derived from its name and group");
  }

  @Test
  void keepsTheWrittenPurlOverADerivedOne() {
    var c = new Component(null, "library", "org.acme", "lib", "1.0", "pkg:npm/lib@1.0", null, List.of());
    assertThat(PurlDeriver.purlOf(c)).contains("pkg:npm/lib@1.0");
  }

  @Test
  void reportsEveryComponentWithoutAUsablePurlAsUnmatched() throws SbomException {
    var sbom = SbomReaders.standard().read(SbomFixtures.bytes("no-purl-1.6.json"), "no-purl-1.6.json");

    assertThat(sbom.components()).extracting(c -> PurlDeriver.purlOf(c).orElse(null)).containsExactly(
        "pkg:maven/org.apache.commons/commons-text@1.9", "pkg:npm/%40babel/core@7.22.5", null, null);
    assertThat(sbom.components()).extracting(PurlDeriver::unmatchedReason).containsExactly(null, null,
        "only a CPE (cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*); advisories are keyed by package",
        "no package-url, and none can be derived from its name and group");
  }
}
