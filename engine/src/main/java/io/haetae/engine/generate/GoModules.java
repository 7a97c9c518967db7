package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go modules. {@code go.mod} (Go 1.17 and later) requires every module the build needs,
 * marking the transitive ones {@code // indirect}; {@code replace} directives are applied
 * (a replacement by a local path is the project's own code and pins nothing). A
 * {@code go.sum} is read only where there is no {@code go.mod}: it lists every module the
 * resolver looked at, so it is a superset, and none is known to be direct.
 */
final class GoModules implements LockfileReader {

  private record Module(String path, String version) {}

  @Override
  public boolean reads(Path file) {
    var name = file.getFileName().toString();
    return name.equals("go.mod") || (name.equals("go.sum") && !Files.exists(file.resolveSibling("go.mod")));
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var text = new String(content, StandardCharsets.UTF_8);
    return file.getFileName().toString().equals("go.sum") ? goSum(file, text) : goMod(file, text);
  }

  private static Lockfile goMod(Path file, String text) throws SbomException {
    String module = null;
    var required = new LinkedHashMap<Module, Boolean>();
    Map<String, Module> replaced = new HashMap<>();
    String block = null;
    var lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i].strip();
      boolean indirect = line.contains("// indirect");
      int comment = line.indexOf("//");
      if (comment >= 0) line = line.substring(0, comment).strip();
      if (line.isEmpty()) continue;
      if (line.equals(")")) {
        block = null;
        continue;
      }
      if (line.endsWith("(")) {
        block = line.substring(0, line.length() - 1).strip();
        continue;
      }
      var words = line.split("\\s+");
      var directive = block != null ? block : words[0];
      var args = block != null ? words : java.util.Arrays.copyOfRange(words, 1, words.length);
      switch (directive) {
        case "module" -> {
          // "module" alone (found by LockfileFuzzTest): say so rather than fail on args[0].
          if (args.length < 1) throw new SbomException(file.toString(), "line " + (i + 1), "module needs a module path");
          module = args[0].replace("\"", "");
        }
        case "require" -> {
          if (args.length < 2) throw new SbomException(file.toString(), "line " + (i + 1), "require needs a module and a version");
          required.put(new Module(args[0], args[1]), !indirect);
        }
        case "replace" -> replace(file, i, args, replaced);
        default -> { }
      }
    }
    var pinned = new ArrayList<PinnedPackage>();
    var direct = new ArrayList<String>();
    for (var e : required.entrySet()) {
      var m = e.getKey();
      var target = replaced.getOrDefault(m.path() + "@" + m.version(), replaced.get(m.path()));
      if (target != null && target.version() == null) continue;
      var effective = target != null ? target : m;
      var purl = purl(effective);
      pinned.add(new PinnedPackage(purl, null, effective.path(), effective.version(), List.of()));
      if (e.getValue()) direct.add(purl);
    }
    return new Lockfile(file, module, null, pinned, direct);
  }

  /** {@code old [v] => new [v]}; a new path without version is a local folder (version null). */
  private static void replace(Path file, int line, String[] args, Map<String, Module> replaced) throws SbomException {
    int arrow = java.util.Arrays.asList(args).indexOf("=>");
    if (arrow < 1 || arrow == args.length - 1) {
      throw new SbomException(file.toString(), "line " + (line + 1), "replace needs 'old => new'");
    }
    var from = arrow == 2 ? args[0] + "@" + args[1] : args[0];
    replaced.put(from, new Module(args[arrow + 1], arrow + 2 < args.length ? args[arrow + 2] : null));
  }

  private static Lockfile goSum(Path file, String text) {
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    for (var line : text.split("\r?\n")) {
      var words = line.strip().split("\\s+");
      if (words.length < 3 || words[1].endsWith("/go.mod")) continue;
      var m = new Module(words[0], words[1]);
      pinned.putIfAbsent(purl(m), new PinnedPackage(purl(m), null, m.path(), m.version(), List.of()));
    }
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), null);
  }

  private static String purl(Module m) {
    int slash = m.path().lastIndexOf('/');
    return slash < 0 ? Purls.of("golang", null, m.path(), m.version())
        : Purls.of("golang", m.path().substring(0, slash), m.path().substring(slash + 1), m.version());
  }
}
