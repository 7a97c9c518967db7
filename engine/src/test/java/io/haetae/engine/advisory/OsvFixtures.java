package io.haetae.engine.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads records from {@code src/test/resources/fixtures/osv}. */
final class OsvFixtures {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private OsvFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = OsvFixtures.class.getResourceAsStream("/fixtures/osv/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String name) {
    return MAPPER.readTree(bytes(name));
  }

  /** A real record that must parse; fails the test with the rejection otherwise. */
  static Advisory advisory(String name) {
    return switch (new OsvReader().read(tree(name))) {
      case OsvReader.Parsed parsed -> parsed.advisory();
      case OsvReader.Rejected rejected -> throw new AssertionError(name + " rejected: " + rejected);
    };
  }
}
