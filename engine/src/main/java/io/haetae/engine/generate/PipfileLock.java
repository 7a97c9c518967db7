package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Pipenv's {@code Pipfile.lock}: {@code default} and {@code develop} map names to
 * {@code "version": "==x"}. Direct ones are those the sibling {@code Pipfile} names under
 * [packages] or [dev-packages]; without it the lock does not say.
 */
final class PipfileLock implements LockfileReader {

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("Pipfile.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var root = JsonFiles.tree(file, content);
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var byName = new LinkedHashMap<String, String>();
    for (var section : List.of("default", "develop")) {
      for (var e : root.path(section).properties()) {
        var version = e.getValue().path("version").asString("");
        // Git and path dependencies carry no version: nothing is pinned by a registry.
        if (!version.startsWith("==")) continue;
        var name = PipRequirements.normalise(e.getKey());
        var purl = Purls.of("pypi", null, name, version.substring(2));
        pinned.putIfAbsent(purl, new PinnedPackage(purl, null, name, version.substring(2), List.of()));
        byName.putIfAbsent(name, purl);
      }
    }
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), direct(file, byName));
  }

  /** Names in the Pipfile's package tables ("name = ..." lines), resolved to the locked purls. */
  private static List<String> direct(Path file, java.util.Map<String, String> byName) throws SbomException {
    var pipfile = file.resolveSibling("Pipfile");
    if (!java.nio.file.Files.isRegularFile(pipfile)) return null;
    var out = new ArrayList<String>();
    String table = "";
    try {
      for (var line : java.nio.file.Files.readAllLines(pipfile)) {
        var l = line.strip();
        if (l.startsWith("[")) table = l;
        else if ((table.equals("[packages]") || table.equals("[dev-packages]")) && l.contains("=")) {
          var purl = byName.get(PipRequirements.normalise(l.substring(0, l.indexOf('=')).strip().replace("\"", "")));
          if (purl != null && !out.contains(purl)) out.add(purl);
        }
      }
    } catch (java.io.IOException e) {
      throw new SbomException(pipfile + ": cannot be read: " + e.getMessage(), e);
    }
    return out;
  }
}
