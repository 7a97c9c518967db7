package io.haetae.server.inventory;

import java.util.UUID;

/** A project was marked internet-facing, or no longer is: its open findings' due dates follow. */
public record ProjectExposureChanged(UUID projectId, UUID orgId, boolean internetFacing) {}
