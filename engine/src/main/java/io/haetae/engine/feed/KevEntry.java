package io.haetae.engine.feed;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalogue: the CVE is being exploited;
 * US federal agencies must act by {@code dueDate}. {@code knownRansomwareCampaignUse} is
 * "Known" or "Unknown" as CISA writes it.
 */
public record KevEntry(String cveId, String vendorProject, String product, String vulnerabilityName,
    LocalDate dateAdded, LocalDate dueDate, String requiredAction, String knownRansomwareCampaignUse,
    String catalogVersion) {

  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(dateAdded, "dateAdded");
  }
}
