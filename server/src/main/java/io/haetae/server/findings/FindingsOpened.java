package io.haetae.server.findings;

import java.util.UUID;

/**
 * New findings for one organisation from one analysis (an SBOM upload or an advisory batch):
 * the alert module turns this into one digest for the organisation's CISO. The findings
 * themselves are read back with {@link FindingService#openedIn}, keeping the event small.
 */
public record FindingsOpened(UUID analysisId, UUID orgId, int count) {}
