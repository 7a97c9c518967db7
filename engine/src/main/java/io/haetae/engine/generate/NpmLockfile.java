package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * npm's {@code package-lock.json} and {@code npm-shrinkwrap.json}, lockfile versions 1 to 3.
 * v2/v3 list every installed copy under {@code packages} by its {@code node_modules} path;
 * v1 nests them under {@code dependencies}. Workspace members and {@code link}s are the
 * project's own code, not pinned packages. Dev dependencies are pinned too, so they are listed.
 * Direct: the root's declared dependencies (v2/v3), or the sibling package.json's (v1).
 */
final class NpmLockfile implements LockfileReader {

  private static final String NM = "node_modules/";

  @Override
  public boolean reads(Path file) {
    var name = file.getFileName().toString();
    return name.equals("package-lock.json") || name.equals("npm-shrinkwrap.json");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var root = JsonFiles.tree(file, content);
    var lockVersion = root.path("lockfileVersion").asInt(1);
    return root.has("packages") && lockVersion >= 2
        ? fromPackages(file, root) : fromDependencies(file, root, JsonFiles.sibling(file, "package.json"));
  }

  /** v2/v3: paths to entries; a dependency resolves to the nearest node_modules above the dependant. */
  private static Lockfile fromPackages(Path file, JsonNode root) throws SbomException {
    var packages = root.path("packages");
    Map<String, String> purlByPath = new LinkedHashMap<>();
    for (var entry : packages.properties()) {
      var path = entry.getKey();
      var node = entry.getValue();
      if (!path.contains(NM) || node.path("link").asBoolean(false)) continue;
      var version = node.path("version").asString(null);
      if (version == null) throw new SbomException(file.toString(), "/packages/" + path + "/version", "missing");
      var name = node.has("name") ? node.path("name").asString() : path.substring(path.lastIndexOf(NM) + NM.length());
      purlByPath.put(path, purl(name, version));
    }
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    for (var e : purlByPath.entrySet()) {
      var deps = resolve(e.getKey(), dependencyNames(packages.path(e.getKey())), purlByPath);
      pinned.merge(e.getValue(), pinned(e.getValue(), deps), NpmLockfile::union);
    }
    var rootNode = packages.path("");
    var direct = resolve("", dependencyNames(rootNode), purlByPath);
    return new Lockfile(file, rootNode.path("name").asString(root.path("name").asString(null)),
        rootNode.path("version").asString(root.path("version").asString(null)), List.copyOf(pinned.values()), direct);
  }

  private static List<String> dependencyNames(JsonNode node) {
    var names = new LinkedHashSet<String>();
    for (var field : List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
      names.addAll(node.path(field).propertyNames());
    }
    return List.copyOf(names);
  }

  private static List<String> resolve(String from, List<String> names, Map<String, String> purlByPath) {
    var out = new ArrayList<String>();
    for (var name : names) {
      // Node's lookup: from/node_modules/name, then each enclosing node_modules, then the top.
      var base = from;
      while (true) {
        var candidate = (base.isEmpty() ? "" : base + "/") + NM + name;
        if (purlByPath.containsKey(candidate)) {
          out.add(purlByPath.get(candidate));
          break;
        }
        if (base.isEmpty()) break;
        int at = base.lastIndexOf("/" + NM);
        base = at < 0 ? "" : base.substring(0, at);
      }
    }
    return out;
  }

  /** v1: a tree of name to entry, nested {@code dependencies} under the dependant that needs its own copy. */
  private static Lockfile fromDependencies(Path file, JsonNode root, JsonNode manifest) throws SbomException {
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var top = new LinkedHashMap<String, String>();
    walkV1(file, root.path("dependencies"), "/dependencies", List.of(), pinned, top);
    List<String> direct = null;
    if (manifest != null) {
      direct = resolveV1(dependencyNames(manifest), List.of(top));
    }
    return new Lockfile(file, root.path("name").asString(null), root.path("version").asString(null),
        List.copyOf(pinned.values()), direct);
  }

  private static void walkV1(Path file, JsonNode level, String pointer, List<Map<String, String>> scopes,
      Map<String, PinnedPackage> pinned, Map<String, String> here) throws SbomException {
    for (var e : level.properties()) {
      var version = e.getValue().path("version").asString(null);
      if (version == null) throw new SbomException(file.toString(), pointer + "/" + e.getKey() + "/version", "missing");
      if (version.startsWith("file:") || version.startsWith("link:")) continue;
      here.put(e.getKey(), purl(e.getKey(), version));
    }
    var chain = new ArrayList<Map<String, String>>();
    chain.add(here);
    chain.addAll(scopes);
    for (var e : level.properties()) {
      var purl = here.get(e.getKey());
      if (purl == null) continue;
      var nested = new LinkedHashMap<String, String>();
      var inner = new ArrayList<Map<String, String>>();
      inner.add(nested);
      inner.addAll(chain);
      walkV1(file, e.getValue().path("dependencies"), pointer + "/" + e.getKey() + "/dependencies", chain, pinned, nested);
      var deps = resolveV1(List.copyOf(e.getValue().path("requires").propertyNames()), inner);
      pinned.merge(purl, pinned(purl, deps), NpmLockfile::union);
    }
  }

  private static List<String> resolveV1(List<String> names, List<Map<String, String>> scopes) {
    var out = new ArrayList<String>();
    for (var name : names) {
      for (var scope : scopes) {
        if (scope.containsKey(name)) {
          out.add(scope.get(name));
          break;
        }
      }
    }
    return out;
  }

  private static PinnedPackage pinned(String purl, List<String> deps) {
    // purl is pkg:npm/[%40scope/]name@version, built by purl() below.
    var body = purl.substring("pkg:npm/".length());
    int at = body.lastIndexOf('@');
    var path = body.substring(0, at).replace("%40", "@");
    int slash = path.lastIndexOf('/');
    return new PinnedPackage(purl, slash < 0 ? null : path.substring(0, slash), path.substring(slash + 1),
        java.net.URLDecoder.decode(body.substring(at + 1), java.nio.charset.StandardCharsets.UTF_8), deps);
  }

  private static PinnedPackage union(PinnedPackage a, PinnedPackage b) {
    var deps = new LinkedHashSet<>(a.dependsOn());
    deps.addAll(b.dependsOn());
    return new PinnedPackage(a.purl(), a.group(), a.name(), a.version(), List.copyOf(deps));
  }

  static String purl(String name, String version) {
    int slash = name.indexOf('/');
    return name.startsWith("@") && slash > 0
        ? Purls.of("npm", name.substring(0, slash), name.substring(slash + 1), version)
        : Purls.of("npm", null, name, version);
  }
}
