package io.haetae.engine.advisory;

import java.util.List;

/**
 * One OSV {@code affected[]} entry. {@code ecosystem} is the OSV string as published, release
 * suffix included ("Debian:11", "AlmaLinux:9"); {@code databaseSpecific} and
 * {@code ecosystemSpecific} are kept as raw JSON text (or null).
 */
public record AffectedPackage(
    String ecosystem,
    String name,
    String purl,
    List<AffectedRange> ranges,
    List<String> versions,
    List<SeverityScore> severity,
    String ecosystemSpecific,
    String databaseSpecific) {

  public AffectedPackage {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
    severity = List.copyOf(severity);
  }
}
