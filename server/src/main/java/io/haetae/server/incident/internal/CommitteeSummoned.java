package io.haetae.server.incident.internal;

import java.util.UUID;

/** A member of the review committee is to be summoned to a case: one event per member, so one failed mail is retried alone. */
record CommitteeSummoned(UUID incidentId, UUID memberId) {}
