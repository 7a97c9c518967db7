package io.haetae.engine.generate;

import java.nio.file.Path;
import java.util.List;

/**
 * What one lockfile says: the project it belongs to (name and version may be null), every
 * package it pins, and the purls of the direct dependencies, or null when the file does not
 * say which are direct.
 */
public record Lockfile(Path path, String projectName, String projectVersion, List<PinnedPackage> packages,
    List<String> direct) {

  public Lockfile {
    packages = List.copyOf(packages);
    direct = direct == null ? null : List.copyOf(direct);
  }
}
