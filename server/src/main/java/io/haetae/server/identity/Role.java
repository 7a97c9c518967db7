package io.haetae.server.identity;

import static io.haetae.server.identity.Capability.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a caller may do. Capabilities say which kinds of action a role may take; whose data the
 * action reaches is {@link TenantScope}'s job. docs/access.md has the table.
 */
public enum Role {
  /** The national operator (the CERT): sees every organisation, imports advisories, administers. */
  OPERATOR(EnumSet.allOf(Capability.class)),
  /** A ministry's sector operator: oversees the organisations of the sectors the ministry supervises. */
  SECTOR_OPERATOR(EnumSet.of(READ_INVENTORY, OVERSEE, READ_AUDIT)),
  /** An ISAC analyst: reads what is shared with the ISAC (TLP), never an organisation's inventory; triages the report cases it coordinates. */
  ISAC_ANALYST(EnumSet.of(TRIAGE_REPORTS)),
  /** An organisation's CISO: reads and writes their own organisation, manages its members and keys, submits reports. */
  CISO(EnumSet.of(READ_INVENTORY, WRITE_INVENTORY, MANAGE_ORGANISATION, SUBMIT_REPORTS)),
  /** An organisation's member: reads their own organisation, changes nothing. */
  MEMBER(EnumSet.of(READ_INVENTORY)),
  /** A reporter: submits vulnerability reports only. */
  REPORTER(EnumSet.of(SUBMIT_REPORTS));

  private final Set<Capability> capabilities;

  Role(Set<Capability> capabilities) {
    this.capabilities = capabilities;
  }

  public boolean may(Capability capability) {
    return capabilities.contains(capability);
  }

  /** Operators see many organisations' data: their sign-in needs a second factor (TOTP). */
  public boolean needsSecondFactor() {
    return this == OPERATOR || this == SECTOR_OPERATOR;
  }

  public String authority() {
    return "ROLE_" + name();
  }

  /** The role named, case-insensitively; a clear error naming the field otherwise. */
  public static Role parse(String value, String field) {
    if (value != null) {
      for (Role r : values()) if (r.name().equalsIgnoreCase(value.strip())) return r;
    }
    throw new IllegalArgumentException("'" + field + "' must be one of " + java.util.Arrays.toString(values()) + ", not '" + value + "'");
  }
}
