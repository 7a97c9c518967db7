package io.haetae.server.identity;

import java.util.UUID;

/**
 * Who is making a request: an API key or a signed-in user, always on behalf of one
 * organisation. Controllers take it as a parameter; every tenant query is scoped by it.
 */
public record Caller(UUID orgId, String orgName, String name, Role role) {

  public boolean isOperator() {
    return role == Role.OPERATOR;
  }

  /** Whether this caller may see data of the given organisation. */
  public boolean maySee(UUID organisation) {
    return isOperator() || orgId.equals(organisation);
  }
}
