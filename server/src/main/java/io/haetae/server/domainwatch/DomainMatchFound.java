package io.haetae.server.domainwatch;

import java.util.UUID;

/** A new look-alike of an organisation's protected name was stored; the organisation is told. */
public record DomainMatchFound(UUID matchId, UUID orgId, String domain, String protectedName, String technique, int score) {}
