package io.haetae.server.alert;

import java.time.Instant;
import java.util.UUID;

/** An organisation acknowledged an alert (link in the mail, its page, or the API). */
public record AlertAcknowledged(UUID alertId, UUID orgId, Instant at, String actor) {}
