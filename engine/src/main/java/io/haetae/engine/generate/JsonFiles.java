package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON lockfiles: parse errors name file, line and column. */
final class JsonFiles {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonFiles() {}

  static JsonNode tree(Path file, byte[] content) throws SbomException {
    try {
      var node = MAPPER.readTree(content);
      if (node == null || !node.isObject()) throw new SbomException(file.toString(), null, "not a JSON object");
      return node;
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new SbomException(file.toString(), at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
          "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** A JSON file next to {@code file}, or null when there is none. */
  static JsonNode sibling(Path file, String name) throws SbomException {
    var path = file.resolveSibling(name);
    if (!Files.isRegularFile(path)) return null;
    try {
      return tree(path, Files.readAllBytes(path));
    } catch (IOException e) {
      throw new SbomException(path + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
