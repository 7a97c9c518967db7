package io.haetae.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-picked cases for each rule the schemes implement, written from the ecosystems' own
 * documentation; each line names the clause or quirk it checks. Columns: ecosystem, a, b,
 * expected sign (or "error" when a is rejected).
 */
class SchemeEdgeCasesTest {

  @ParameterizedTest(name = "{0}: {1} vs {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      npm       | 1.0.0-alpha           | 1.0.0-alpha.1      | -1
      npm       | 1.0.0-alpha.1         | 1.0.0-alpha.beta   | -1
      npm       | 1.0.0-beta.11         | 1.0.0-rc.1         | -1
      npm       | 1.0.0-beta.2          | 1.0.0-beta.11      | -1
      npm       | 1.0.0+build.1         | 1.0.0+build.2      | 0
      npm       | v1.2.3                | 1.2.3              | 0
      npm       | '  1.2.3  '           | 1.2.3              | 0
      npm       | =1.2.3                | 1.2.3              | error
      npm       | 01.2.3                | 1.2.3              | error
      npm       | 1.2.3-01              | 1.2.3              | error
      npm       | 1.2                   | 1.2.0              | error
      npm       | 9007199254740992.0.0  | 1.0.0              | error
      npm       | 9007199254740991.0.0  | 1.0.0              | 1
      crates.io | 1.0.0-Alpha           | 1.0.0-alpha        | -1
      Go        | v1.2.3                | 1.2.3              | 0
      Go        | v0.0.0-20210101000000-abcdef123456 | v0.0.0   | -1
      Go        | v2.0.0+incompatible   | v2.0.0             | 0
      PyPI      | 1.0.dev0              | 1.0a0              | -1
      PyPI      | 1.0a1                 | 1.0                | -1
      PyPI      | 1.0                   | 1.0+local          | -1
      PyPI      | 1.0+local             | 1.0.post1          | -1
      PyPI      | 1.0.post1.dev1        | 1.0.post1          | -1
      PyPI      | 1!0.1                 | 2.0                | 1
      PyPI      | 1.0-1                 | 1.0.post1          | 0
      PyPI      | 1.0ALPHA1             | 1.0a1              | 0
      PyPI      | 1.0.0                 | 1                  | 0
      PyPI      | 1.0+abc.5             | 1.0+abc.10         | -1
      PyPI      | 1.0+5                 | 1.0+abc            | 1
      PyPI      | 1.0c1                 | 1.0rc1             | 0
      PyPI      | 1.0.                  | 1.0                | error
      PyPI      | french toast          | 1.0                | error
      RubyGems  | 1.0.0.a               | 1.0.0              | -1
      RubyGems  | 1.0.a                 | 1.0.b              | -1
      RubyGems  | 1.0-beta              | 1.0.pre.beta       | 0
      RubyGems  | 1.0.0                 | 1                  | 0
      RubyGems  | 1.0.a.1               | 1.0.a              | 1
      Debian    | 1.0~rc1               | 1.0                | -1
      Debian    | 1:0.9                 | 2.0                | 1
      Debian    | 1.0-1                 | 1.0-1+b1           | -1
      Debian    | 1.0a                  | 1.0+               | -1
      Debian    | 1.0-                  | 1.0                | error
      Debian    | a1.0                  | 1.0                | error
      Debian    | 1.0 1                 | 1.0                | error
      Alpine    | 1.2.3_rc1-r0          | 1.2.3-r0           | -1
      Alpine    | 1.2.3_p1              | 1.2.3              | 1
      Alpine    | 1.2.3a                | 1.2.3              | 1
      Alpine    | 1.2.3-r10             | 1.2.3-r9           | 1
      Alpine    | 1.2_alpha             | 1.2_beta           | -1
      Alpine    | 1.2_foo               | 1.2                | error
      RPM       | 1.0~rc1               | 1.0                | -1
      RPM       | 1.0^git1              | 1.0                | 1
      RPM       | 1.0^git1              | 1.0.1              | -1
      RPM       | 1:1.0-1               | 2.0-1              | 1
      RPM       | 1.0-1.el8             | 1.0-1.el9          | -1
      RPM       | 1.0a                  | 1.0.1              | -1
      NuGet     | 1.0.0-BETA            | 1.0.0-beta         | 0
      NuGet     | 1.0                   | 1.0.0.0            | 0
      NuGet     | 1.0.0.1               | 1.0.0              | 1
      NuGet     | 1.0.0-2               | 1.0.0-10           | -1
      NuGet     | 1.0.0-alpha           | 1.0.0-2            | 1
      NuGet     | 1.0.0+meta            | 1.0.0              | 0
      NuGet     | 1.0.0.0.0             | 1.0.0              | error
      NuGet     | 1.0.0-01              | 1.0.0              | error
      Maven     | 1.0-alpha-1           | 1.0                | -1
      Maven     | 1.0-SNAPSHOT          | 1.0                | -1
      Maven     | 1.0.RELEASE           | 1.0                | 0
      Maven     | 1.0-sp1               | 1.0                | 1
      """)
  void ordersAsTheReference(String ecosystem, String a, String b, String expected) {
    VersionScheme scheme = Ecosystem.fromOsv(ecosystem).orElseThrow().scheme();
    assertThat(VectorsTest.outcome(scheme, a, b)).isEqualTo(expected);
  }

  @Test
  void keepsArbitrarilyLongNumbersExactWhereTheReferenceDoes() throws InvalidVersionException {
    String big = "1" + "0".repeat(40);
    String bigger = "1" + "0".repeat(39) + "1";
    assertThat(Ecosystem.DEBIAN.scheme().compare(big, bigger)).isEqualTo(-1);
    assertThat(Ecosystem.RPM.scheme().compare(big, bigger)).isEqualTo(-1);
    assertThat(Ecosystem.PYPI.scheme().compare(big, bigger)).isEqualTo(-1);
    assertThat(Ecosystem.RUBYGEMS.scheme().compare(big, bigger)).isEqualTo(-1);
    assertThat(Ecosystem.ALPINE.scheme().compare(big, bigger)).isEqualTo(-1);
    assertThat(Ecosystem.PYPI.scheme().compare("1." + big, "1." + bigger)).isEqualTo(-1);
  }

  @Test
  void rejectsWithTheInputAndAReason() {
    assertThatThrownBy(() -> Ecosystem.NPM.scheme().parse("latest"))
        .isInstanceOfSatisfying(InvalidVersionException.class, e -> {
          assertThat(e.version()).isEqualTo("latest");
          assertThat(e.getMessage()).contains("SemVer");
        });
  }

  @Test
  void semverSchemeUsedForSemverRangesIsStrictSemver() throws InvalidVersionException {
    assertThat(VersionSchemes.semver().compare("1.0.0-rc.1", "1.0.0")).isEqualTo(-1);
  }
}
