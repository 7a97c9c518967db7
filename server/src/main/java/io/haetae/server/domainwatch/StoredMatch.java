package io.haetae.server.domainwatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A match as stored, with the organisation's sector for the operator's view. */
public record StoredMatch(UUID id, UUID orgId, String orgName, String sector, String domain, String display,
    String protectedName, String technique, int score, List<String> reasons, Instant firstSeen, Instant foundAt,
    Verdict verdict, Instant decidedAt, String decidedBy) {}
