package io.haetae.server.identity;

import java.util.List;
import java.util.UUID;

/** The organisation import set an organisation's {@code domains} column (empty: cleared). */
public record OrganisationDomainsChanged(UUID orgId, List<String> domains) {

  public OrganisationDomainsChanged {
    domains = List.copyOf(domains);
  }
}
