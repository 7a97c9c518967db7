package io.haetae.server.broadcast;

import io.haetae.server.identity.BusinessSize;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.web.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * Reads an audience from JSON: {@code "all"}, or an object of {@code sectors}, {@code sizes}
   * and {@code organisations} (ids). Errors are 400s naming {@code field} (e.g. "audience", "scope").
   */
  public static Audience fromJson(Object json, String field) {
    if (json == null) throw new BadInputException("'" + field + "' is missing: give \"all\" or {\"sectors\": [...], \"sizes\": [...]}");
    if (json instanceof String s) {
      if (s.strip().equalsIgnoreCase("all")) return Audience.everyone();
      throw new BadInputException("'" + field + "' must be \"all\" or an object with sectors and sizes, not '" + s + "'");
    }
    if (!(json instanceof Map<?, ?> map)) throw new BadInputException("'" + field + "' must be \"all\" or an object with sectors and sizes");
    for (Object key : map.keySet()) {
      if (!Set.of("sectors", "sizes", "organisations").contains(String.valueOf(key))) {
        throw new BadInputException("'" + field + "." + key + "' is not known; use sectors, sizes or organisations");
      }
    }
    var sectors = new HashSet<String>();
    for (String s : strings(map.get("sectors"), field + ".sectors")) {
      if (s.isBlank() || s.length() > 100) throw new BadInputException("'" + field + ".sectors' has an empty or overlong sector");
      sectors.add(s);
    }
    var sizes = new HashSet<BusinessSize>();
    for (String s : strings(map.get("sizes"), field + ".sizes")) {
      try {
        sizes.add(BusinessSize.parse(s, field + ".sizes"));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
    var organisations = new HashSet<UUID>();
    for (String s : strings(map.get("organisations"), field + ".organisations")) {
      try {
        organisations.add(UUID.fromString(s));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("'" + field + ".organisations' has '" + s + "', which is not an organisation id");
      }
    }
    var audience = new Audience(false, sectors, sizes, organisations);
    if (audience.isEmpty()) throw new BadInputException("'" + field + "' names nobody: give \"all\", sectors or sizes");
    return audience;
  }

  private static List<String> strings(Object value, String field) {
    if (value == null) return List.of();
    if (!(value instanceof List<?> list)) throw new BadInputException("'" + field + "' must be a list of strings");
    var result = new ArrayList<String>();
    for (Object o : list) {
      if (!(o instanceof String s)) throw new BadInputException("'" + field + "' must be a list of strings");
      result.add(s);
    }
    return result;
  }
}
