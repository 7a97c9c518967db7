package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Yarn's {@code yarn.lock}, classic (v1, {@code version "1.2.3"}) and Berry (v2+, YAML,
 * {@code version: 1.2.3}). Each entry is keyed by the descriptors it satisfies
 * ({@code "lodash@^4.17.0, lodash@^4.17.20"}, Berry: {@code lodash@npm:^4.17.0}); Berry's
 * {@code workspace:} entries are the project's own packages. Direct: the sibling package.json's
 * dependencies, resolved through the same descriptors.
 */
final class YarnLock implements LockfileReader {

  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final Pattern LEADING_COLON_AND_SPACE = Pattern.compile("^:?\\s*");
  private static final Pattern TRAILING_COLON = Pattern.compile(":$");

  private static final class Entry {
    final int line;
    final List<String> descriptors = new ArrayList<>();
    final Map<String, String> fields = new HashMap<>();
    final Map<String, String> dependencies = new LinkedHashMap<>();

    Entry(int line) {
      this.line = line;
    }
  }

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("yarn.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var entries = entries(file, LINE_BREAK.split(new String(content, StandardCharsets.UTF_8)));
    var byDescriptor = new HashMap<String, String>();
    var packages = new LinkedHashMap<String, Entry>();
    String project = null;
    for (var e : entries) {
      var name = name(file, e);
      var version = e.fields.get("version");
      if (version == null) throw new SbomException(file.toString(), e.descriptors.getFirst(), "entry has no version");
      if (e.fields.getOrDefault("resolution", "").contains("@workspace:")) {
        if (project == null) project = name;
        continue;
      }
      var purl = NpmLockfile.purl(name, version);
      packages.putIfAbsent(purl, e);
      e.descriptors.forEach(d -> byDescriptor.put(d, purl));
    }
    var pinned = new ArrayList<PinnedPackage>();
    for (var p : packages.entrySet()) {
      var deps = new ArrayList<String>();
      p.getValue().dependencies.forEach((name, range) -> {
        var target = resolve(byDescriptor, name, range);
        if (target != null) deps.add(target);
      });
      var name = name(file, p.getValue());
      int slash = name.indexOf('/');
      pinned.add(new PinnedPackage(p.getKey(), name.startsWith("@") ? name.substring(0, slash) : null,
          name.startsWith("@") ? name.substring(slash + 1) : name, p.getValue().fields.get("version"), deps));
    }
    var manifest = JsonFiles.sibling(file, "package.json");
    List<String> direct = null;
    if (manifest != null) {
      direct = new ArrayList<>();
      for (var section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
        for (var d : manifest.path(section).properties()) {
          var target = resolve(byDescriptor, d.getKey(), d.getValue().asString(""));
          if (target != null && !direct.contains(target)) direct.add(target);
        }
      }
      if (project == null) project = manifest.path("name").asString(null);
    }
    return new Lockfile(file, project, manifest == null ? null : manifest.path("version").asString(null), pinned, direct);
  }

  private static String resolve(Map<String, String> byDescriptor, String name, String range) {
    var found = byDescriptor.get(name + "@" + range);
    return found != null ? found : byDescriptor.get(name + "@npm:" + range);
  }

  /** "@babel/core@^7.0.0" is @babel/core: the version separator is the first '@' after the first character. */
  private static String name(Path file, Entry entry) throws SbomException {
    var descriptor = entry.descriptors.getFirst();
    int at = descriptor.indexOf('@', 1);
    if (at < 0) throw malformed(file, entry.line, "descriptor '" + descriptor + "' has no '@' before its range");
    return descriptor.substring(0, at);
  }

  /** A yarn.lock that does not parse is the user's file to fix: name it and the line. */
  private static SbomException malformed(Path file, int line, String reason) {
    return new SbomException(file.toString(), "line " + line, "malformed yarn.lock: " + reason);
  }

  private static List<Entry> entries(Path file, String[] lines) throws SbomException {
    var out = new ArrayList<Entry>();
    Entry current = null;
    boolean inDependencies = false;
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      int number = i + 1;
      if (line.isBlank() || line.startsWith("#")) continue;
      if (!line.startsWith(" ")) {
        inDependencies = false;
        current = null;
        if (line.startsWith("__metadata")) continue;
        int colon = line.lastIndexOf(':');
        if (colon < 0) throw malformed(file, number, "entry header without ':'");
        current = new Entry(number);
        // v1 quotes each descriptor, Berry the whole list; descriptors never hold quotes.
        for (var d : line.substring(0, colon).split(",")) current.descriptors.add(d.replace("\"", "").strip());
        out.add(current);
        continue;
      }
      if (current == null) continue;
      var indent = line.length() - line.stripLeading().length();
      var text = line.strip();
      if (indent <= 2) {
        inDependencies = text.equals("dependencies:");
        if (!inDependencies && !text.endsWith(":")) {
          var kv = keyValue(text);
          if (kv == null) throw malformed(file, number, "unterminated quote");
          current.fields.put(kv[0], kv[1]);
        }
      } else if (inDependencies) {
        var kv = keyValue(text);
        if (kv == null) throw malformed(file, number, "unterminated quote");
        current.dependencies.put(kv[0], kv[1]);
      }
    }
    return out;
  }

  /** v1 {@code key "value"}, Berry {@code key: value}; either side may be quoted. Null for an unclosed quoted key. */
  private static String[] keyValue(String text) {
    String key;
    String value;
    if (text.startsWith("\"")) {
      int end = text.indexOf('"', 1);
      if (end < 0) return null;
      key = text.substring(1, end);
      value = LEADING_COLON_AND_SPACE.matcher(text.substring(end + 1)).replaceFirst("");
    } else {
      int split = text.indexOf(": ");
      if (split < 0) split = text.indexOf(' ');
      key = split < 0 ? text : text.substring(0, split);
      value = split < 0 ? "" : LEADING_COLON_AND_SPACE.matcher(text.substring(split + 1)).replaceFirst("");
    }
    return new String[] {TRAILING_COLON.matcher(key).replaceFirst(""), unquote(value.strip())};
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
