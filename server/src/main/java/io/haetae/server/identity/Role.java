package io.haetae.server.identity;

/** What a caller may do. Issue 7 adds sector operators, ISAC analysts, members and reporters. */
public enum Role {
  /** The national operator: sees every organisation, imports advisories. */
  OPERATOR,
  /** An organisation's CISO: sees and manages their own organisation only. */
  CISO;

  public String authority() {
    return "ROLE_" + name();
  }
}
