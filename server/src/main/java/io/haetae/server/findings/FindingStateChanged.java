package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import java.time.Instant;
import java.util.UUID;

/**
 * One finding moved from one state to another: by a person or key ({@code actor}, with the
 * reason they gave), or by the hub itself ({@code actor} "system": a later SBOM no longer has
 * the vulnerable version). The oversight read model and the audit log listen to it.
 */
public record FindingStateChanged(UUID findingId, UUID orgId, UUID projectId, String advisoryId, Severity severity,
    FindingState from, FindingState to, Instant at, String actor, String reason) {}
