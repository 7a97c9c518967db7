package io.haetae.server.identity;

import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place that turns a {@link Caller} into the rows it may read. Every query over tenant
 * data (projects, uploads, components, findings, audit entries) adds {@link #on(String)} for its
 * organisation column and binds the parameters with {@link #bind}; a row outside the scope is
 * never read, so a foreign object is indistinguishable from a missing one.
 *
 * <pre>{@code
 * TenantScope scope = TenantScope.of(caller);
 * jdbc.sql("SELECT ... FROM inventory_project WHERE id = :id AND " + scope.on("org_id"))
 *     .param("id", id).params(scope.params()).query(...)
 * }</pre>
 *
 * The sector predicate reads identity's own table, so the knowledge of how sectors map to
 * organisations stays in this module.
 */
public record TenantScope(Kind kind, UUID orgId, Set<String> sectors) {

  public enum Kind { EVERYTHING, SECTORS, ORGANISATION, NOTHING }

  private static final TenantScope NOTHING = new TenantScope(Kind.NOTHING, null, Set.of());

  /** The hub's own work (matching, alert digests): every organisation, never on behalf of a request. */
  public static final TenantScope SYSTEM = new TenantScope(Kind.EVERYTHING, null, Set.of());

  public TenantScope {
    sectors = Set.copyOf(sectors);
  }

  /** What the caller may read: national operators everything, sector operators their sectors, others their organisation. */
  public static TenantScope of(Caller caller) {
    if (!caller.may(Capability.READ_INVENTORY)) return NOTHING;
    return switch (caller.role()) {
      case OPERATOR -> new TenantScope(Kind.EVERYTHING, caller.orgId(), Set.of());
      case SECTOR_OPERATOR -> new TenantScope(Kind.SECTORS, caller.orgId(), caller.sectors());
      default -> own(caller);
    };
  }

  /** Reads of the caller's own organisation only (Dependency-Track lookups by name, the organisation page). */
  public static TenantScope own(Caller caller) {
    return caller.may(Capability.READ_INVENTORY) ? new TenantScope(Kind.ORGANISATION, caller.orgId(), Set.of()) : NOTHING;
  }

  /** Writes: always the caller's own organisation, and only for roles that may write. */
  public static TenantScope writable(Caller caller) {
    return caller.may(Capability.WRITE_INVENTORY) ? new TenantScope(Kind.ORGANISATION, caller.orgId(), Set.of()) : NOTHING;
  }

  /** The audit log: operators within their scope, organisations not at all. */
  public static TenantScope audit(Caller caller) {
    if (!caller.may(Capability.READ_AUDIT)) return NOTHING;
    return caller.role() == Role.OPERATOR ? new TenantScope(Kind.EVERYTHING, caller.orgId(), Set.of())
        : new TenantScope(Kind.SECTORS, caller.orgId(), caller.sectors());
  }

  /** A SQL condition restricting {@code column} (an organisation id) to this scope. */
  public String on(String column) {
    return switch (kind) {
      case EVERYTHING -> "1 = 1";
      case NOTHING -> "1 = 0";
      case ORGANISATION -> column + " = :scope_org";
      case SECTORS -> sectors.isEmpty() ? column + " = :scope_org"
          : "(" + column + " = :scope_org OR " + column
              + " IN (SELECT id FROM identity_organisation WHERE sector IN (:scope_sectors)))";
    };
  }

  /** The parameters {@link #on} refers to. */
  public java.util.Map<String, Object> params() {
    var params = new java.util.HashMap<String, Object>();
    if (kind == Kind.ORGANISATION || kind == Kind.SECTORS) params.put("scope_org", orgId);
    if (kind == Kind.SECTORS && !sectors.isEmpty()) params.put("scope_sectors", sectors);
    return params;
  }

  public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
    return statement.params(params());
  }
}
