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
 * Cargo's {@code Cargo.lock} (versions 1 to 4). Packages without {@code source} are the
 * workspace's own crates: not pinned packages, but their dependencies are the direct ones.
 * A dependency is written {@code "name"}, or {@code "name version"} when several versions
 * are locked, or with {@code (source)} too.
 */
final class CargoLock implements LockfileReader {

  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final Pattern TRAILING_COMMA = Pattern.compile(",$");

  private static final class Entry {
    final int line;
    final Map<String, String> fields = new HashMap<>();
    final List<String> dependencies = new ArrayList<>();

    Entry(int line) {
      this.line = line;
    }
  }

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("Cargo.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var entries = entries(LINE_BREAK.split(new String(content, StandardCharsets.UTF_8)));
    Map<String, List<Entry>> byName = new HashMap<>();
    for (var e : entries) {
      for (var required : List.of("name", "version")) {
        if (!e.fields.containsKey(required)) {
          throw new SbomException(file.toString(), "line " + e.line, "[[package]] has no " + required);
        }
      }
      byName.computeIfAbsent(e.fields.get("name"), k -> new ArrayList<>()).add(e);
    }
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var direct = new ArrayList<String>();
    String project = null;
    String projectVersion = null;
    for (var e : entries) {
      var deps = new ArrayList<String>();
      for (var d : e.dependencies) {
        var target = resolve(d, byName);
        if (target != null && target.fields.containsKey("source")) deps.add(purl(target));
      }
      if (!e.fields.containsKey("source")) {
        if (project == null) {
          project = e.fields.get("name");
          projectVersion = e.fields.get("version");
        }
        deps.stream().filter(d -> !direct.contains(d)).forEach(direct::add);
        continue;
      }
      pinned.put(purl(e), new PinnedPackage(purl(e), null, e.fields.get("name"), e.fields.get("version"), deps));
    }
    return new Lockfile(file, project, projectVersion, List.copyOf(pinned.values()), direct);
  }

  private static Entry resolve(String dependency, Map<String, List<Entry>> byName) {
    var parts = dependency.split(" ");
    var candidates = byName.getOrDefault(parts[0], List.of());
    if (parts.length == 1) return candidates.isEmpty() ? null : candidates.getFirst();
    return candidates.stream().filter(c -> c.fields.get("version").equals(parts[1])).findFirst().orElse(null);
  }

  private static String purl(Entry e) {
    return Purls.of("cargo", null, e.fields.get("name"), e.fields.get("version"));
  }

  /** The [[package]] tables; Cargo writes one key per line and dependencies one per line. */
  private static List<Entry> entries(String[] lines) {
    var out = new ArrayList<Entry>();
    Entry current = null;
    boolean inDependencies = false;
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i].strip();
      if (line.startsWith("[")) {
        inDependencies = false;
        current = line.equals("[[package]]") ? new Entry(i + 1) : null;
        if (current != null) out.add(current);
        continue;
      }
      if (current == null || line.isEmpty() || line.startsWith("#")) continue;
      if (inDependencies) {
        if (line.startsWith("]")) inDependencies = false;
        else current.dependencies.add(unquote(TRAILING_COMMA.matcher(line).replaceAll("")));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) continue;
      var key = line.substring(0, eq).strip();
      var value = line.substring(eq + 1).strip();
      if (key.equals("dependencies")) {
        if (value.equals("[")) inDependencies = true;
        else if (value.length() > 2) {
          for (var d : value.substring(1, value.length() - 1).split(",")) if (!d.isBlank()) current.dependencies.add(unquote(d.strip()));
        }
      } else {
        current.fields.put(key, unquote(value));
      }
    }
    return out;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
