package io.haetae.server.findings;

import java.util.UUID;

/** How exposed one organisation is: open findings, by band, and projects affected. */
public record OrganisationExposure(UUID orgId, long critical, long high, long medium, long low, long other, long projects) {

  public long total() {
    return critical + high + medium + low + other;
  }
}
