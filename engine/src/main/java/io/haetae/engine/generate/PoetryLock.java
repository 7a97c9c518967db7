package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Poetry's {@code poetry.lock} (lock-version 1.x and 2.x). Each {@code [[package]]} pins a
 * name and version; {@code [package.dependencies]} names its dependencies by name (one locked
 * version per name, or one per marker, all taken). Packages from a {@code directory},
 * {@code file} or {@code git} source pin no registry version and are left out. Direct ones
 * are what the sibling {@code pyproject.toml} declares (Poetry's tables or PEP 621's).
 */
final class PoetryLock implements LockfileReader {

  private static final Pattern REQUIREMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> NOT_FROM_A_REGISTRY = Set.of("directory", "file", "git", "url");

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("poetry.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var byName = new LinkedHashMap<String, List<String>>();
    var locked = new ArrayList<TomlTable>();
    for (var entry : TomlFiles.packages(file, TomlFiles.parse(file, content))) {
      var source = TomlFiles.table(entry.table(), "source");
      if (source != null && NOT_FROM_A_REGISTRY.contains(source.getString("type"))) continue;
      locked.add(entry.table());
      byName.computeIfAbsent(PipRequirements.normalise(entry.table().getString("name")), k -> new ArrayList<>())
          .add(purl(entry.table()));
    }
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    for (var table : locked) {
      var deps = new ArrayList<String>();
      var declared = TomlFiles.table(table, "dependencies");
      if (declared != null) {
        for (var name : keys(declared)) {
          byName.getOrDefault(PipRequirements.normalise(name), List.of()).stream().filter(p -> !deps.contains(p))
              .forEach(deps::add);
        }
      }
      var purl = purl(table);
      pinned.putIfAbsent(purl, new PinnedPackage(purl, null, PipRequirements.normalise(table.getString("name")),
          table.getString("version"), deps));
    }
    var pyproject = TomlFiles.sibling(file, "pyproject.toml");
    return new Lockfile(file, projectField(pyproject, "name"), projectField(pyproject, "version"),
        List.copyOf(pinned.values()), pyproject == null ? null : direct(pyproject, byName));
  }

  private static String purl(TomlTable table) {
    return Purls.of("pypi", null, PipRequirements.normalise(table.getString("name")), table.getString("version"));
  }

  /** [tool.poetry] or, from Poetry 2 on, PEP 621's [project]. */
  private static String projectField(TomlTable pyproject, String field) {
    if (pyproject == null) return null;
    var project = TomlFiles.table(pyproject, "project");
    if (project != null && project.getString(field) != null) return project.getString(field);
    var poetry = TomlFiles.table(TomlFiles.table(pyproject, "tool"), "poetry");
    return poetry == null ? null : poetry.getString(field);
  }

  /** Every name pyproject.toml declares, in its order, resolved to the locked purls. */
  private static List<String> direct(TomlTable pyproject, Map<String, List<String>> byName) {
    var names = new ArrayList<String>();
    var poetry = TomlFiles.table(TomlFiles.table(pyproject, "tool"), "poetry");
    names.addAll(keys(TomlFiles.table(poetry, "dependencies")));
    names.addAll(keys(TomlFiles.table(poetry, "dev-dependencies")));
    var groups = TomlFiles.table(poetry, "group");
    if (groups != null) {
      for (var group : new TreeSet<>(groups.keySet())) {
        names.addAll(keys(TomlFiles.table(TomlFiles.table(groups, group), "dependencies")));
      }
    }
    var project = TomlFiles.table(pyproject, "project");
    names.addAll(requirementNames(TomlFiles.array(project, "dependencies")));
    var optional = TomlFiles.table(project, "optional-dependencies");
    if (optional != null) {
      for (var extra : new TreeSet<>(optional.keySet())) names.addAll(requirementNames(TomlFiles.array(optional, extra)));
    }
    var out = new ArrayList<String>();
    for (var name : names) {
      byName.getOrDefault(PipRequirements.normalise(name), List.of()).stream().filter(p -> !out.contains(p))
          .forEach(out::add);
    }
    return out;
  }

  /** The names of PEP 508 requirements ("requests[socks]>=2.31; python_version>'3.8'" is requests). */
  private static List<String> requirementNames(TomlArray requirements) {
    var out = new ArrayList<String>();
    if (requirements == null) return out;
    for (var r : requirements.toList()) {
      if (r instanceof String s) {
        var m = REQUIREMENT_NAME.matcher(s.strip());
        if (m.lookingAt()) out.add(m.group());
      }
    }
    return out;
  }

  /** A table's keys by normalised name: TOML tables keep no order, and output should not vary. */
  private static List<String> keys(TomlTable table) {
    if (table == null) return List.of();
    return table.keySet().stream().sorted(Comparator.comparing(PipRequirements::normalise)).toList();
  }
}
