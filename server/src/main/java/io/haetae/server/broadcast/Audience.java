package io.haetae.server.broadcast;

import io.haetae.server.identity.BusinessSize;
import io.haetae.server.identity.OrganisationDirectory;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who a notice goes to: every organisation, or those matching all the non-empty filters (one of
 * the sectors, one of the business sizes, one of the organisation ids). Sector codes are kept in
 * their normal form (lower-case, trimmed). An audience with no filter at all is not allowed.
 *
 * <pre>{@code
 * Audience.everyone();
 * Audience.of(Set.of("water", "energy"), Set.of(BusinessSize.SMALL));
 * Audience.organisations(List.of(orgA, orgB));   // e.g. the reminder of a check
 * }</pre>
 */
public record Audience(boolean all, Set<String> sectors, Set<BusinessSize> sizes, Set<UUID> organisations) {

  public Audience {
    sectors = sectors.stream().map(OrganisationDirectory::sectorCode).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    sizes = Set.copyOf(sizes);
    organisations = Set.copyOf(organisations);
    if (all && !(sectors.isEmpty() && sizes.isEmpty() && organisations.isEmpty())) {
      throw new IllegalArgumentException("an audience of everyone takes no filter");
    }
  }

  public static Audience everyone() {
    return new Audience(true, Set.of(), Set.of(), Set.of());
  }

  public static Audience of(Set<String> sectors, Set<BusinessSize> sizes) {
    return new Audience(false, sectors, sizes, Set.of());
  }

  public static Audience sectors(String... sectors) {
    return of(Set.of(sectors), Set.of());
  }

  public static Audience organisations(Collection<UUID> ids) {
    return new Audience(false, Set.of(), Set.of(), Set.copyOf(ids));
  }

  /** Whether the audience names nobody (no filter and not everyone). */
  public boolean isEmpty() {
    return !all && sectors.isEmpty() && sizes.isEmpty() && organisations.isEmpty();
  }

  /** A short description for lists and the audit log, e.g. {@code sectors=[water] sizes=[small]}. */
  public String describe() {
    if (all) return "all";
    var parts = new StringBuilder();
    if (!sectors.isEmpty()) parts.append("sectors=").append(sectors.stream().sorted().toList()).append(' ');
    if (!sizes.isEmpty()) parts.append("sizes=").append(sizes.stream().map(BusinessSize::code).sorted().toList()).append(' ');
    if (!organisations.isEmpty()) parts.append("organisations=").append(organisations.size());
    return parts.toString().strip();
  }
}
