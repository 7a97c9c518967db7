package io.haetae.server.identity;

/** A kind of action a {@link Role} may take. */
public enum Capability {
  /** See projects, SBOMs and findings, within the caller's {@link TenantScope}. */
  READ_INVENTORY,
  /** Upload SBOMs and delete projects of the caller's own organisation. */
  WRITE_INVENTORY,
  /** Manage the own organisation's members and API keys. */
  MANAGE_ORGANISATION,
  /** Create organisations, invite CISOs, import advisories. */
  ADMINISTER,
  /** The situation page over many organisations (national, or a sector). */
  OVERSEE,
  /** Read the audit log, within the caller's scope. */
  READ_AUDIT,
  /** Submit vulnerability reports. */
  SUBMIT_REPORTS,
  /**
   * Triage vulnerability reports (disclosure module): move their state and embargo, invite
   * vendors. Operators triage every report; an ISAC analyst those of cases its organisation was
   * made coordinator of.
   */
  TRIAGE_REPORTS
}
