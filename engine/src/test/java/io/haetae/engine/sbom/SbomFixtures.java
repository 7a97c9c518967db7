package io.haetae.engine.sbom;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads files from {@code src/test/resources/fixtures/sbom}. */
final class SbomFixtures {

  private SbomFixtures() {}

  static byte[] bytes(String name) {
    try (var in = SbomFixtures.class.getResourceAsStream("/fixtures/sbom/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
