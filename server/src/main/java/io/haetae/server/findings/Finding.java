package io.haetae.server.findings;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.match.Match;
import io.haetae.engine.match.Verdict;
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

  /** The component a finding is about, as the finding records it. */
  public record Subject(UUID orgId, UUID projectId, String key, String name, String group, String version, String purl) {}

  /** The finding one match makes: severity from the advisory's scores, the fix or the reason it is undecidable. */
  public static Finding of(Subject c, Match m, UUID analysisId, Instant now) {
    Advisory a = m.advisory();
    var rating = SeverityRating.of(a);
    String fixed = m.verdict() instanceof Verdict.Affected aff ? aff.fixedVersion() : null;
    String reason = m.verdict() instanceof Verdict.Undecidable u ? u.reason() : null;
    String verdict = m.verdict() instanceof Verdict.Affected ? AFFECTED : UNDECIDABLE;
    String title = a.summary().isBlank() ? firstLine(a.details()) : a.summary();
    return new Finding(UUID.randomUUID(), c.orgId(), c.projectId(), c.key(), c.name(), c.group(), c.version(),
        c.purl(), a.id(), a.aliases(), title, rating.severity(), rating.score(), fixed, verdict, reason,
        OPEN, analysisId, now);
  }

  private static String firstLine(String details) {
    String line = details.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }

  public boolean undecidable() {
    return UNDECIDABLE.equals(verdict);
  }
}
