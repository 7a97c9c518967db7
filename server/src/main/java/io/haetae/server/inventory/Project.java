package io.haetae.server.inventory;

import java.time.Instant;
import java.util.UUID;

/** A product or system of one organisation whose SBOM the hub holds. */
public record Project(UUID id, UUID orgId, String name, String version, Instant createdAt, Instant lastBomAt) {}
