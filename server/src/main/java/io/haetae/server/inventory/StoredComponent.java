package io.haetae.server.inventory;

import java.util.UUID;

/**
 * A component as stored for a project. {@code ecosystem} and {@code packageName} are the
 * normalised match key derived from the purl; both are null when the purl names nothing we match.
 */
public record StoredComponent(
    UUID id, UUID projectId, UUID orgId, String name, String group, String version,
    String purl, String cpe, String ecosystem, String packageName) {

  /** What identifies the component across uploads of the same project: its purl, else group/name@version. */
  public String identity() {
    if (purl != null && !purl.isBlank()) return purl;
    return (group == null ? "" : group + "/") + name + "@" + (version == null ? "" : version);
  }
}
