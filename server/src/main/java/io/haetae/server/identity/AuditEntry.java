package io.haetae.server.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit log: who ({@code actor}: an e-mail, an API key prefix, or an address
 * for anonymous attempts) did what ({@code action}) to which object ({@code target}), for which
 * organisation, when, and from which address.
 */
public record AuditEntry(long id, Instant at, String actor, UUID organisation, String action, String target, String from) {}
