package io.haetae.server.knowledge;

import java.util.UUID;

/**
 * An import batch added advisories or replaced them by newer versions. The event names the
 * batch ({@link AdvisoryCatalog#changedIn}) rather than carrying the ids, so it stays small in
 * the event publication registry however large the batch; {@code analysisId} also names the
 * analysis the alert digests report.
 */
public record AdvisoriesChanged(UUID analysisId, int count) {}
