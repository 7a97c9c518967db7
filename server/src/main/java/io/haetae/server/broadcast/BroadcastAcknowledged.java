package io.haetae.server.broadcast;

import java.time.Instant;
import java.util.UUID;

/**
 * An organisation confirmed a notice that asked for it (the one-click link in the mail, or the
 * API). Published once per broadcast and organisation; {@code kind} is the notice's kind, so
 * a module listens only to its own notices.
 */
public record BroadcastAcknowledged(UUID broadcastId, String kind, UUID orgId, Instant at, String actor) {}
