package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * uv's {@code uv.lock}. A package whose {@code source} is {@code editable}, {@code virtual}
 * or {@code directory} is the workspace's own code: its dependencies, optional dependencies
 * and dev-dependency groups are the direct ones, and the one at {@code "."} is the project.
 * Only packages from a {@code registry} are pinned; git, URL and path sources pin no registry
 * version. A dependency names the package, and its version too when several are locked.
 */
final class UvLock implements LockfileReader {

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("uv.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var entries = TomlFiles.packages(file, TomlFiles.parse(file, content));
    var byName = new LinkedHashMap<String, List<TomlTable>>();
    entries.forEach(e -> byName.computeIfAbsent(PipRequirements.normalise(e.table().getString("name")),
        k -> new ArrayList<>()).add(e.table()));
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var direct = new LinkedHashSet<String>();
    String project = null;
    String projectVersion = null;
    for (var e : entries) {
      var table = e.table();
      var deps = dependencies(table, byName);
      if (!isFromRegistry(table)) {
        if (isOwnCode(table)) direct.addAll(deps);
        if (isOwnCode(table) && ".".equals(ownPath(table))) {
          project = table.getString("name");
          projectVersion = table.getString("version");
        }
        continue;
      }
      var purl = purl(table);
      pinned.putIfAbsent(purl, new PinnedPackage(purl, null, PipRequirements.normalise(table.getString("name")),
          table.getString("version"), deps));
    }
    return new Lockfile(file, project, projectVersion, List.copyOf(pinned.values()), List.copyOf(direct));
  }

  /** Purls of [dependencies], [optional-dependencies] and [dev-dependencies] groups that are pinned. */
  private static List<String> dependencies(TomlTable table, Map<String, List<TomlTable>> byName) {
    var arrays = new ArrayList<TomlArray>();
    arrays.add(TomlFiles.array(table, "dependencies"));
    for (var grouped : List.of("optional-dependencies", "dev-dependencies")) {
      var groups = TomlFiles.table(table, grouped);
      if (groups != null) new TreeSet<>(groups.keySet()).forEach(g -> arrays.add(TomlFiles.array(groups, g)));
    }
    var out = new LinkedHashSet<String>();
    for (var array : arrays) {
      if (array == null) continue;
      for (var d : array.toList()) {
        if (d instanceof TomlTable dep && dep.getString("name") != null) {
          var target = resolve(dep, byName);
          if (target != null && isFromRegistry(target)) out.add(purl(target));
        }
      }
    }
    return List.copyOf(out);
  }

  private static TomlTable resolve(TomlTable dependency, Map<String, List<TomlTable>> byName) {
    var candidates = byName.getOrDefault(PipRequirements.normalise(dependency.getString("name")), List.of());
    var version = dependency.getString("version");
    return candidates.stream().filter(c -> version == null || version.equals(c.getString("version"))).findFirst()
        .orElse(null);
  }

  private static boolean isFromRegistry(TomlTable table) {
    var source = TomlFiles.table(table, "source");
    return source != null && source.getString("registry") != null;
  }

  private static boolean isOwnCode(TomlTable table) {
    return ownPath(table) != null;
  }

  private static String ownPath(TomlTable table) {
    var source = TomlFiles.table(table, "source");
    if (source == null) return null;
    for (var kind : List.of("editable", "virtual", "directory")) {
      if (source.getString(kind) != null) return source.getString(kind);
    }
    return null;
  }

  private static String purl(TomlTable table) {
    return Purls.of("pypi", null, PipRequirements.normalise(table.getString("name")), table.getString("version"));
  }
}
