package io.haetae.server.oversight.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.TenantScope;
import java.util.Map;
import java.util.Set;

/**
 * The sectors a caller oversees, for queries over the projection's {@code sector} columns:
 * every sector for the national operator, the ministry's sectors for a sector operator.
 * Derived from {@link TenantScope} so both say the same.
 */
record Scope(boolean national, Set<String> sectors) {

  Scope {
    sectors = Set.copyOf(sectors);
  }

  /** The caller's scope; 403 for a caller who oversees nothing. */
  static Scope of(Caller caller) {
    caller.require(Capability.OVERSEE);
    var tenant = TenantScope.of(caller);
    return switch (tenant.kind()) {
      case EVERYTHING -> new Scope(true, Set.of());
      case SECTORS -> new Scope(false, tenant.sectors());
      default -> new Scope(false, Set.of());
    };
  }

  boolean admits(String sector) {
    return national || sectors.contains(sector == null ? "" : sector);
  }

  /** Narrowed to one sector (which must be admitted). */
  Scope only(String sector) {
    return new Scope(false, Set.of(sector));
  }

  /** A SQL condition on a sector column. */
  String on(String column) {
    if (national) return "1 = 1";
    return sectors.isEmpty() ? "1 = 0" : column + " IN (:scope_sectors)";
  }

  Map<String, Object> params() {
    return national || sectors.isEmpty() ? Map.of() : Map.of("scope_sectors", sectors);
  }
}
