package io.haetae.server.disclosure;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a case's timeline. {@code kind}: SUBMITTED, MOVED (from/to a {@link ReportState}),
 * EMBARGO (from/to an {@link EmbargoState}, {@code detail} the end), INVITED ({@code detail} the
 * organisation and role), COMMENT, FIX ({@code detail}: fixed version, URL, patch digest), PUBLISHED ({@code detail}: the advisory id).
 */
public record TimelineEntry(long id, Instant at, String actor, UUID actorOrg, String kind, String from, String to,
    String text, String detail) {}
