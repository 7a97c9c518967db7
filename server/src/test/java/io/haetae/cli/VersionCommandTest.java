package io.haetae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code haetae version compare}: the line protocol through the real command line, no Spring. */
class VersionCommandTest {

  @Test
  void comparesEachLineAndReportsRejectedPairsInPlace() {
    String out = run("1.0.0\t1.0.0-rc.1\n1.2.3\t1.2.3\nlatest\t1.0.0\n0.9.0\t1.0.0\n", "version", "compare", "npm");
    assertThat(out.lines().toList()).hasSize(4);
    assertThat(out.lines().toList().get(0)).isEqualTo("1.0.0\t1.0.0-rc.1\t1");
    assertThat(out.lines().toList().get(1)).isEqualTo("1.2.3\t1.2.3\t0");
    assertThat(out.lines().toList().get(2)).startsWith("latest\t1.0.0\terror\t");
    assertThat(out.lines().toList().get(3)).isEqualTo("0.9.0\t1.0.0\t-1");
  }

  @Test
  void debianTildeSortsBeforeTheRelease() {
    assertThat(run("1.0~rc1-1\t1.0-1\n", "version", "compare", "Debian")).isEqualTo("1.0~rc1-1\t1.0-1\t-1\n");
  }

  private static synchronized String run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    var buffer = new ByteArrayOutputStream();
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      assertThat(Haetae.run(args)).isZero();
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
