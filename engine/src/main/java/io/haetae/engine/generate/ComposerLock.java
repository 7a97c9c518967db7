package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Composer's {@code composer.lock}: {@code packages} and {@code packages-dev}, each with
 * {@code name} (vendor/package) and {@code version}; {@code require} gives the edges. Direct:
 * the sibling {@code composer.json}'s require and require-dev.
 */
final class ComposerLock implements LockfileReader {

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("composer.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var root = JsonFiles.tree(file, content);
    var byName = new LinkedHashMap<String, String>();
    var entries = new ArrayList<tools.jackson.databind.JsonNode>();
    for (var section : List.of("packages", "packages-dev")) {
      int i = 0;
      for (var p : root.path(section)) {
        var name = p.path("name").asString(null);
        var version = p.path("version").asString(null);
        if (name == null || version == null || !name.contains("/")) {
          throw new SbomException(file.toString(), "/" + section + "/" + i, "package needs 'name' (vendor/package) and 'version'");
        }
        byName.put(name.toLowerCase(java.util.Locale.ROOT), purl(name, version));
        entries.add(p);
        i++;
      }
    }
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    for (var p : entries) {
      var name = p.path("name").asString();
      var purl = byName.get(name.toLowerCase(java.util.Locale.ROOT));
      var deps = new ArrayList<String>();
      for (var d : p.path("require").propertyNames()) {
        var target = byName.get(d.toLowerCase(java.util.Locale.ROOT));
        if (target != null) deps.add(target);
      }
      var version = p.path("version").asString();
      pinned.putIfAbsent(purl, new PinnedPackage(purl, name.substring(0, name.indexOf('/')),
          name.substring(name.indexOf('/') + 1), version, deps));
    }
    List<String> direct = null;
    var manifest = JsonFiles.sibling(file, "composer.json");
    if (manifest != null) {
      direct = new ArrayList<>();
      for (var section : List.of("require", "require-dev")) {
        for (var d : manifest.path(section).propertyNames()) {
          var target = byName.get(d.toLowerCase(java.util.Locale.ROOT));
          if (target != null) direct.add(target);
        }
      }
    }
    return new Lockfile(file, manifest == null ? null : manifest.path("name").asString(null), null,
        List.copyOf(pinned.values()), direct);
  }

  /** Packagist versions may carry a leading "v" (v5.4.1); the purl keeps it as written. */
  private static String purl(String name, String version) {
    int slash = name.indexOf('/');
    return Purls.of("composer", name.substring(0, slash), name.substring(slash + 1), version);
  }
}
