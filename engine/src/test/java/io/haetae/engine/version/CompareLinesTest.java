package io.haetae.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CompareLinesTest {

  private static String run(Ecosystem eco, String input) throws IOException {
    StringWriter out = new StringWriter();
    long n = CompareLines.run(eco, new BufferedReader(new StringReader(input)), new PrintWriter(out));
    assertThat(n).isEqualTo(input.lines().count());
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void printsTheSignForEachPairInOrder() throws IOException {
    assertThat(run(Ecosystem.NPM, "1.0.0\t1.0.0-rc.1\n1.0.0\t1.0.0+build\n0.9.0\t1.0.0\n"))
        .isEqualTo("1.0.0\t1.0.0-rc.1\t1\n1.0.0\t1.0.0+build\t0\n0.9.0\t1.0.0\t-1\n");
  }

  @Test
  void reportsARejectedPairAndContinues() throws IOException {
    String out = run(Ecosystem.PYPI, "latest\t1.0\n1.0\t2.0\n");
    String[] lines = out.split("\n");
    assertThat(lines[0]).startsWith("latest\t1.0\terror\tA: ");
    assertThat(lines[0].split("\t")).hasSize(4);
    assertThat(lines[1]).isEqualTo("1.0\t2.0\t-1");
  }

  @Test
  void namesTheRejectedSide() throws IOException {
    assertThat(run(Ecosystem.DEBIAN, "1.0-1\tx.y\n")).startsWith("1.0-1\tx.y\terror\tB: ");
  }

  @Test
  void reportsALineWithoutTab() throws IOException {
    assertThat(run(Ecosystem.MAVEN, "1.0\n")).isEqualTo("1.0\t\terror\tline has no TAB between the two versions\n");
  }

  @Test
  void knowsEcosystemsByTheirOsvNames() {
    for (String name : new String[] {"Maven", "npm", "PyPI", "Go", "crates.io", "NuGet", "RubyGems", "Packagist", "Debian", "Alpine", "RPM"}) {
      assertThat(CompareLines.ecosystemNamed(name)).as(name).isPresent();
    }
    assertThat(CompareLines.ecosystemNamed("Cobol")).isEmpty();
    assertThat(CompareLines.unknownEcosystem("Cobol")).contains("'Cobol'").contains("crates.io");
  }
}
