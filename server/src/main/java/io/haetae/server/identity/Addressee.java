package io.haetae.server.identity;

import java.util.UUID;

/** Where an organisation's notices go: its CISO's address, in the organisation's language. */
public record Addressee(UUID orgId, String orgName, String email, String language, String sector) {}
