package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** TOML lockfiles (poetry.lock, uv.lock) and pyproject.toml: parse errors name file and line. */
final class TomlFiles {

  /** One {@code [[package]]} table and the line it starts on, for messages. */
  record Entry(TomlTable table, int line) {}

  private TomlFiles() {}

  static TomlTable parse(Path file, byte[] content) throws SbomException {
    var result = Toml.parse(new String(content, StandardCharsets.UTF_8));
    if (result.hasErrors()) {
      var error = result.errors().getFirst();
      throw new SbomException(file.toString(), "line " + error.position().line(), "malformed TOML: "
          + error.getMessage());
    }
    return result;
  }

  /** A TOML file next to {@code file}, or null when there is none. */
  static TomlTable sibling(Path file, String name) throws SbomException {
    var path = file.resolveSibling(name);
    if (!Files.isRegularFile(path)) return null;
    try {
      return parse(path, Files.readAllBytes(path));
    } catch (IOException e) {
      throw new SbomException(path + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The {@code [[package]]} tables, each checked to have a name and a version. */
  static List<Entry> packages(Path file, TomlTable root) throws SbomException {
    var out = new ArrayList<Entry>();
    var array = root.getArray("package");
    if (array == null) return out;
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof TomlTable table)) continue;
      int line = array.inputPositionOf(i).line();
      for (var required : List.of("name", "version")) {
        if (!(table.get(required) instanceof String)) {
          throw new SbomException(file.toString(), "line " + line, "[[package]] has no " + required);
        }
      }
      out.add(new Entry(table, line));
    }
    return out;
  }

  /** A table's value under one literal key (a dotted name like "zope.interface" is one key). */
  static Object get(TomlTable table, String key) {
    return table == null ? null : table.get(List.of(key));
  }

  static TomlTable table(TomlTable table, String key) {
    return get(table, key) instanceof TomlTable t ? t : null;
  }

  static TomlArray array(TomlTable table, String key) {
    return get(table, key) instanceof TomlArray a ? a : null;
  }
}
