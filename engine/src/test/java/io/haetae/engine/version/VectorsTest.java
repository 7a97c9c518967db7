package io.haetae.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test: every line of {@code ../shared/vectors/versions/ECOSYSTEM.tsv}, whose
 * expected value the ecosystem's own tool produced. One test per file; a failure lists every
 * disagreeing line.
 */
class VectorsTest {

  @TestFactory
  Stream<DynamicTest> agreesWithReferenceOnEveryLine() throws IOException {
    Path dir = SharedData.require("vectors/versions");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
    Ecosystem eco = Ecosystem.fromOsv(name).orElseThrow(() -> new AssertionError("unknown ecosystem " + name));
    VersionScheme scheme = eco.scheme();
    List<String> wrong = new ArrayList<>();
    int lines = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isEmpty()) continue;
      String[] f = line.split("\t", -1);
      lines++;
      String got = outcome(scheme, f[0], f[1]);
      if (!got.equals(f[2])) wrong.add(f[0] + "\t" + f[1] + "\texpected " + f[2] + ", got " + got);
    }
    assertThat(lines).isPositive();
    assertThat(wrong).as("%s: %d of %d lines disagree with the reference", name, wrong.size(), lines).isEmpty();
  }

  static String outcome(VersionScheme scheme, String a, String b) {
    try {
      return Integer.toString(Integer.signum(scheme.parse(a).compareTo(scheme.parse(b))));
    } catch (InvalidVersionException e) {
      return "error";
    }
  }
}
