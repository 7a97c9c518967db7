package io.haetae.server.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit log: who ({@code actor}: an e-mail, an API key prefix, or an address
 * for anonymous attempts) did what ({@code action}) to which object ({@code target}), for which
 * organisation ({@code organisation}, its id; {@code organisationName} as read, null when the
 * entry concerns none or the organisation is gone), when, and from which address.
 */
public record AuditEntry(long id, Instant at, String actor, UUID organisation, String action, String target, String from,
    String organisationName) {

  public AuditEntry(long id, Instant at, String actor, UUID organisation, String action, String target, String from) {
    this(id, at, actor, organisation, action, target, from, null);
  }
}
