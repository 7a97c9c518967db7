package io.haetae.server.findings;

import io.haetae.engine.advisory.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A component of a project affected by an advisory. {@code fixedVersion} is the upgrade to
 * recommend (null when no fix is known); {@code verdict} is AFFECTED, or UNDECIDABLE with a
 * {@code reason} when the versions could not be compared.
 */
public record Finding(
    UUID id, UUID orgId, UUID projectId,
    String componentKey, String componentName, String componentGroup, String componentVersion, String componentPurl,
    String advisoryId, List<String> aliases, String title, Severity severity, Double score,
    String fixedVersion, String verdict, String reason, String state, UUID analysisId, Instant createdAt) {

  public static final String AFFECTED = "AFFECTED";
  public static final String UNDECIDABLE = "UNDECIDABLE";
  public static final String OPEN = "OPEN";
  public static final String RESOLVED = "RESOLVED";

  public Finding {
    aliases = List.copyOf(aliases);
  }

  public boolean undecidable() {
    return UNDECIDABLE.equals(verdict);
  }
}
