package io.haetae.engine.sbom;

import java.util.List;

/**
 * One component of an SBOM, as the readers hand it to matching. {@code group} is the
 * CycloneDX group (Maven groupId, npm scope) or null; {@code purl} and {@code cpe} are kept as
 * written (null when absent); {@code licenses} are SPDX ids or names.
 */
public record Component(
    String bomRef,
    String type,
    String group,
    String name,
    String version,
    String purl,
    String cpe,
    List<String> licenses) {

  public Component {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("component name is blank");
    licenses = List.copyOf(licenses);
  }
}
