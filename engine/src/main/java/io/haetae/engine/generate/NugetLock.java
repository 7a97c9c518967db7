package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * NuGet's {@code packages.lock.json}: per target framework, package ids with {@code type}
 * Direct, Transitive or CentralTransitive, a {@code resolved} version and dependencies;
 * {@code Project} entries are the solution's own projects, not packages.
 */
final class NugetLock implements LockfileReader {

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("packages.lock.json");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var root = JsonFiles.tree(file, content);
    var resolved = new LinkedHashMap<String, String>();
    for (var framework : root.path("dependencies").properties()) {
      for (var e : framework.getValue().properties()) {
        if (e.getValue().path("type").asString("").equals("Project")) continue;
        var version = e.getValue().path("resolved").asString(null);
        if (version == null) {
          throw new SbomException(file.toString(), "/dependencies/" + framework.getKey() + "/" + e.getKey() + "/resolved", "missing");
        }
        resolved.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT) + "@" + version, Purls.of("nuget", null, e.getKey(), version));
      }
    }
    var byId = new LinkedHashMap<String, String>();
    resolved.forEach((key, purl) -> byId.putIfAbsent(key.substring(0, key.indexOf('@')), purl));
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var direct = new ArrayList<String>();
    for (var framework : root.path("dependencies").properties()) {
      for (var e : framework.getValue().properties()) {
        var type = e.getValue().path("type").asString("");
        if (type.equals("Project")) continue;
        var version = e.getValue().path("resolved").asString();
        var purl = resolved.get(e.getKey().toLowerCase(Locale.ROOT) + "@" + version);
        var deps = new ArrayList<String>();
        for (var d : e.getValue().path("dependencies").propertyNames()) {
          var target = byId.get(d.toLowerCase(Locale.ROOT));
          if (target != null) deps.add(target);
        }
        pinned.putIfAbsent(purl, new PinnedPackage(purl, null, e.getKey(), version, deps));
        if (type.equals("Direct") && !direct.contains(purl)) direct.add(purl);
      }
    }
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), direct);
  }
}
