package io.haetae.engine.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The distribution an OS package database belongs to, from {@code etc/os-release} (or
 * {@code usr/lib/os-release}) under the same root: purls carry it as namespace and
 * {@code distro} qualifier, so matching picks the advisories of that release.
 */
record OsRelease(String id, String versionId) {

  /** The release of the file system {@code root}; {@code fallbackId} when it says nothing. */
  static OsRelease of(Path root, String fallbackId) {
    for (var candidate : new String[] {"etc/os-release", "usr/lib/os-release"}) {
      var file = root == null ? null : root.resolve(candidate);
      if (file == null || !Files.isRegularFile(file)) continue;
      try {
        var values = parse(Files.readString(file));
        return new OsRelease(values.getOrDefault("ID", fallbackId), values.get("VERSION_ID"));
      } catch (IOException e) {
        // An unreadable os-release leaves the purls without distro; the packages still count.
      }
    }
    return new OsRelease(fallbackId, null);
  }

  private static Map<String, String> parse(String text) {
    var values = new HashMap<String, String>();
    for (var line : text.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) continue;
      values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
    }
    return values;
  }

  /** The purl {@code distro} qualifier, e.g. "debian-12", or null when the release is unknown. */
  String distro() {
    if (versionId == null) return null;
    // Alpine's advisories name the branch (Alpine:v3.18), os-release the point release (3.18.4).
    var version = id.equals("alpine") ? versionId.replaceFirst("^(\\d+\\.\\d+)\\..*", "$1") : versionId;
    return id + "-" + version;
  }

  /** {@code levels} folders above {@code file}: the root of the scanned file system. */
  static Path rootAbove(Path file, int levels) {
    Path p = file.toAbsolutePath();
    for (int i = 0; i < levels && p != null; i++) p = p.getParent();
    return p;
  }
}
