package io.haetae.engine.domain;

import java.time.Instant;

/**
 * A domain name seen in a feed: a newly registered domain, or a name on a certificate.
 *
 * @param name      as the source wrote it (not yet normalised)
 * @param firstSeen when the source saw it first (a list's second column, a CT entry's
 *                  timestamp); null when the source does not say
 * @param where     where in the source: {@code line 12}, {@code entry 3}
 */
public record ObservedDomain(String name, Instant firstSeen, String where) {}
