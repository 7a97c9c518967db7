package io.haetae.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Order laws on the versions each vectors file contains: antisymmetry, transitivity and
 * consistency of equality, checked on seeded random samples; and odd input that every scheme
 * must refuse with {@link InvalidVersionException} rather than anything else.
 */
class SchemePropertiesTest {

  private static final String[] ODD = {"", " ", "latest", "*", "x.y.z", "..", "ＩＮＶＡＬＩＤ", "1".repeat(300), "\u0000"};

  @TestFactory
  Stream<DynamicTest> ordersAreTotalPreorders() throws IOException {
    Path dir = SharedData.require("vectors/versions");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkLaws(f)));
  }

  private static void checkLaws(Path file) throws IOException {
    Ecosystem eco = Ecosystem.fromOsv(file.getFileName().toString().replaceFirst("\\.tsv$", "")).orElseThrow();
    VersionScheme scheme = eco.scheme();
    Set<String> texts = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      texts.add(f[0]);
      texts.add(f[1]);
    }
    List<Version> versions = new ArrayList<>();
    for (String t : texts) {
      try {
        versions.add(scheme.parse(t));
      } catch (InvalidVersionException e) {
        assertThat(e.version()).isEqualTo(t);
      }
    }
    Random random = new Random(4);
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < 20_000 && broken.size() < 20; i++) {
      Version a = versions.get(random.nextInt(versions.size()));
      Version b = versions.get(random.nextInt(versions.size()));
      Version c = versions.get(random.nextInt(versions.size()));
      int ab = Integer.signum(a.compareTo(b));
      int ba = Integer.signum(b.compareTo(a));
      int bc = Integer.signum(b.compareTo(c));
      int ac = Integer.signum(a.compareTo(c));
      if (ab != -ba) broken.add("antisymmetry: " + a.text() + " / " + b.text());
      if (a.compareTo(a) != 0) broken.add("reflexivity: " + a.text());
      if (ab <= 0 && bc <= 0 && ac > 0) broken.add("transitivity: " + a.text() + " <= " + b.text() + " <= " + c.text());
      if (ab == 0 && ac != Integer.signum(b.compareTo(c))) broken.add("equality: " + a.text() + " = " + b.text() + " vs " + c.text());
    }
    assertThat(versions.size()).isGreaterThan(100);
    assertThat(broken).as(eco.osvName()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Ecosystem.class)
  void refusesOddInputWithInvalidVersionOnly(Ecosystem eco) {
    for (String odd : ODD) {
      try {
        Version v = eco.scheme().parse(odd);
        // Some references accept some of these (Maven accepts anything): then it must compare.
        assertThat(v.compareTo(v)).isZero();
      } catch (InvalidVersionException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThatThrownBy(() -> eco.scheme().parse(null)).isInstanceOf(InvalidVersionException.class);
  }
}
