package io.haetae.server.inventory;

import java.time.Instant;
import java.util.UUID;

/**
 * A product or system of one organisation whose SBOM the hub holds. {@code internetFacing}: reachable
 * from the internet, so its KEV-listed findings are due sooner (docs/deadlines.md).
 */
public record Project(UUID id, UUID orgId, String name, String version, Instant createdAt, Instant lastBomAt,
    boolean internetFacing) {

  public Project(UUID id, UUID orgId, String name, String version, Instant createdAt, Instant lastBomAt) {
    this(id, orgId, name, version, createdAt, lastBomAt, false);
  }
}
