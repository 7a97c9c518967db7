package io.haetae.server.disclosure.internal;

import java.time.Instant;
import java.util.UUID;

/** An invited organisation is to be told that the hub ended a case's embargo: one event per organisation, so one failed mail is retried alone. */
record EmbargoExpiryToTell(UUID reportId, UUID orgId, Instant endsAt) {}
