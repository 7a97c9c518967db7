package io.haetae.server.inventory;

import java.util.UUID;

/** A project and its components are gone. */
public record ProjectDeleted(UUID projectId, UUID orgId) {}
