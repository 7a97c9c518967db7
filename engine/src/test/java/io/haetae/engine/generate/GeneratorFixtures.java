package io.haetae.engine.generate;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The folders under {@code src/test/resources/fixtures/generate}, one per scenario. */
final class GeneratorFixtures {

  private GeneratorFixtures() {}

  static Path folder(String name) {
    try {
      var url = GeneratorFixtures.class.getResource("/fixtures/generate/" + name);
      if (url == null) throw new IllegalArgumentException("no fixture folder " + name);
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
