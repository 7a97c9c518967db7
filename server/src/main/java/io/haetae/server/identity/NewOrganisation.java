package io.haetae.server.identity;

/**
 * What creating an organisation hands back once: its API key and the CISO's first password.
 * Neither is stored in the clear.
 */
public record NewOrganisation(Organisation organisation, String apiKey, String cisoPassword) {}
