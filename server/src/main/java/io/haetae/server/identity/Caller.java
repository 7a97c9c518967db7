package io.haetae.server.identity;

import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who is making a request: an API key or a signed-in user, always on behalf of one
 * organisation. Controllers take it as a parameter; every tenant query is scoped by
 * {@link TenantScope#of(Caller)}. {@code sectors} are the sectors a sector operator's
 * ministry supervises; for every other role, the organisation's own sector (TLP audiences).
 */
public record Caller(UUID orgId, String orgName, String name, Role role, Set<String> sectors)
    implements java.io.Serializable {

  public Caller {
    sectors = Set.copyOf(sectors);
  }

  public Caller(UUID orgId, String orgName, String name, Role role) {
    this(orgId, orgName, name, role, Set.of());
  }

  public boolean isOperator() {
    return role == Role.OPERATOR;
  }

  public boolean may(Capability capability) {
    return role.may(capability);
  }

  /** Refuses (403) a caller whose role lacks the capability. */
  public void require(Capability capability) {
    if (!may(capability)) throw new AccessDeniedException(role + " may not " + capability);
  }
}
