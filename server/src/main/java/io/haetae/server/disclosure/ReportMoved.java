package io.haetae.server.disclosure;

import java.util.UUID;

/**
 * A report changed state (published after the move commits). A later publishing step listens
 * for {@code to == ACCEPTED}; events carry ids only.
 */
public record ReportMoved(UUID reportId, UUID clusterId, ReportState from, ReportState to) {}
