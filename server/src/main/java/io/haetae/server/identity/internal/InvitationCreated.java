package io.haetae.server.identity.internal;

import io.haetae.server.identity.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * An invitation was stored; its mail is still to be sent. Published in the transaction that
 * stores the invitation, so the event publication registry keeps it until the mail is out
 * (retried while the SMTP server is away). It carries the link because the stored token is only
 * a hash; the link stops working once used or after {@code expiresAt}. Internal to identity: no
 * other module should see the link.
 */
record InvitationCreated(String tokenHash, UUID orgId, String email, Role role, String link, Instant expiresAt) {}
