package io.haetae.server.alert;

import java.time.Instant;
import java.util.UUID;

/** An alert with a known-exploited or critical finding went unacknowledged too long and was escalated. */
public record AlertEscalated(UUID alertId, UUID orgId, Instant at, String escalatedTo) {}
