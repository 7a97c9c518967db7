package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * pnpm's {@code pnpm-lock.yaml}, lockfileVersion 6 and 9.
 *
 * <p>Version 6 keys packages {@code /name@version(peer@x)} and keeps their dependencies in
 * the entry; version 9 keys them {@code name@version} and moves the dependencies to
 * {@code snapshots}, one per peer combination. Peer suffixes change no purl, so a package
 * installed for several peer sets is one component with the union of its edges. Direct
 * dependencies are the importers' (or, in a single-project v6 file, the top level's);
 * {@code link:} and {@code file:} values are the workspace's own code.
 */
final class PnpmLock implements LockfileReader {

  private static final List<String> DEPENDENCY_KINDS = List.of("dependencies", "devDependencies",
      "optionalDependencies");

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("pnpm-lock.yaml");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var root = map(load(file, content));
    var entries = root.containsKey("snapshots") ? map(root.get("snapshots")) : map(root.get("packages"));
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    for (var e : entries.entrySet()) {
      var entry = map(e.getValue());
      var id = identity(file, e.getKey(), entry);
      var purl = NpmLockfile.purl(id[0], id[1]);
      var deps = new LinkedHashSet<String>();
      var previous = pinned.get(purl);
      if (previous != null) deps.addAll(previous.dependsOn());
      deps.addAll(resolveAll(entry));
      int slash = id[0].indexOf('/');
      var group = id[0].startsWith("@") && slash > 0 ? id[0].substring(0, slash) : null;
      var name = group == null ? id[0] : id[0].substring(slash + 1);
      pinned.put(purl, new PinnedPackage(purl, group, name, id[1], List.copyOf(deps)));
    }
    var direct = new LinkedHashSet<String>(resolveAll(root));
    map(root.get("importers")).values().forEach(importer -> direct.addAll(resolveAll(map(importer))));
    // Only what the file pins: an importer naming something absent (a broken lock) adds nothing.
    direct.retainAll(pinned.keySet());
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), List.copyOf(direct));
  }

  /** YAML with every plain scalar kept a string ("1.10" is a version, not a number) and no tags. */
  private static Object load(Path file, byte[] content) throws SbomException {
    var options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setAllowDuplicateKeys(false);
    var strings = new Resolver() {
      @Override
      protected void addImplicitResolvers() {}
    };
    var yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, strings);
    try {
      return yaml.load(new ByteArrayInputStream(content));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw new SbomException(file.toString(), mark == null ? null : "line " + (mark.getLine() + 1),
          "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SbomException(file.toString(), null, "not valid YAML: " + e.getMessage());
    }
  }

  /** Name and version of a package key; a tarball or git entry names them in its fields. */
  private static String[] identity(Path file, String key, Map<String, Object> entry) throws SbomException {
    var bare = stripPeers(key.startsWith("/") ? key.substring(1) : key);
    int at = bare.lastIndexOf('@');
    var name = at > 0 ? bare.substring(0, at) : null;
    var version = at > 0 ? bare.substring(at + 1) : null;
    if (entry.get("name") instanceof String n) name = n;
    if (entry.get("version") instanceof String v) version = v;
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      throw new SbomException(file.toString(), "packages." + key, "package key names no name@version");
    }
    return new String[] {name, version};
  }

  /** The purls a node's dependencies, devDependencies and optionalDependencies point to. */
  private static List<String> resolveAll(Map<String, Object> node) {
    var out = new ArrayList<String>();
    for (var kind : DEPENDENCY_KINDS) {
      for (var d : map(node.get(kind)).entrySet()) {
        // An importer writes {specifier, version}; a package entry the bare version.
        var value = d.getValue() instanceof Map<?, ?> m ? m.get("version") : d.getValue();
        if (value instanceof String v) {
          var purl = resolve(d.getKey(), v);
          if (purl != null) out.add(purl);
        }
      }
    }
    return out;
  }

  private static String resolve(String name, String value) {
    if (value.startsWith("link:") || value.startsWith("file:") || value.startsWith("workspace:")) return null;
    var bare = stripPeers(value.startsWith("/") ? value.substring(1) : value);
    int at = bare.lastIndexOf('@');
    // An alias (npm:other@1.0) is written as the real package's key.
    if (at > 0) return NpmLockfile.purl(bare.substring(0, at), bare.substring(at + 1));
    if (value.startsWith("/")) return null;
    return NpmLockfile.purl(name, bare);
  }

  /** Drops the "(react@18.2.0)" peer suffix. */
  private static String stripPeers(String key) {
    int paren = key.indexOf('(');
    return paren > 0 ? key.substring(0, paren) : key;
  }

  /**
   * A YAML mapping as a map of names. A key that is not a plain string (a complex {@code ? key},
   * an explicit {@code !!int} tag) names no package or field pnpm writes, so it is left out
   * rather than failing later as a ClassCastException (found by LockfileFuzzTest).
   */
  private static Map<String, Object> map(Object node) {
    if (!(node instanceof Map<?, ?> m)) return Map.of();
    var out = new java.util.LinkedHashMap<String, Object>();
    m.forEach((key, value) -> {
      if (key instanceof String name) out.put(name, value);
    });
    return out;
  }
}
