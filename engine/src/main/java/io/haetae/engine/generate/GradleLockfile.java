package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Gradle's {@code gradle.lockfile} (and per-configuration {@code *.lockfile} under
 * {@code gradle/dependency-locks}): {@code group:name:version=configurations} lines. Gradle
 * locks the resolved graph without saying what is direct.
 */
final class GradleLockfile implements LockfileReader {

  @Override
  public boolean reads(Path file) {
    var name = file.getFileName().toString();
    return name.equals("gradle.lockfile") || (name.endsWith(".lockfile") && file.toString().replace('\\', '/')
        .contains("gradle/dependency-locks/"));
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) continue;
      var coordinates = line.split("=", 2)[0].split(":");
      if (coordinates.length != 3) {
        throw new SbomException(file.toString(), "line " + (i + 1), "expected group:name:version=configurations");
      }
      var purl = Purls.of("maven", coordinates[0], coordinates[1], coordinates[2]);
      pinned.putIfAbsent(purl, new PinnedPackage(purl, coordinates[0], coordinates[1], coordinates[2], List.of()));
    }
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), null);
  }
}
