package io.haetae.server.inventory;

import java.util.UUID;

/** A project's SBOM was stored; its components replace the previous ones. Findings analyse it. */
public record SbomImported(UUID token, UUID projectId, UUID orgId, int components) {}
