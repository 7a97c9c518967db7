package io.haetae.engine.generate;

import java.util.List;

/**
 * One package a lockfile or package database pins: its purl (also its bom-ref), the parts
 * CycloneDX shows, and the purls of the packages it depends on (as far as the file says).
 */
public record PinnedPackage(String purl, String group, String name, String version, List<String> dependsOn) {

  public PinnedPackage {
    if (purl == null || purl.isBlank()) throw new IllegalArgumentException("purl is blank");
    dependsOn = List.copyOf(dependsOn);
  }
}
