package io.haetae.server.disclosure;

import java.util.UUID;

/**
 * An organisation was invited to a case (published after the invitation commits): the invited
 * organisation's CISO is told by mail. {@code invitedByOrg} is the inviting analyst's organisation.
 */
public record InvitedToCase(UUID reportId, UUID orgId, Participant.Kind kind, UUID invitedByOrg) {}
