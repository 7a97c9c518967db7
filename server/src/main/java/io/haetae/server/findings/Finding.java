package io.haetae.server.findings;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.match.Match;
import io.haetae.engine.match.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A component of a project affected by an advisory. {@code fixedVersion} is the upgrade to
 * recommend (null when no fix is known); {@code verdict} is AFFECTED, or UNDECIDABLE with a
 * {@code reason} when the versions could not be compared (the finding stays visible so a person
 * checks it). {@code state} is where the patch response stands (docs/findings.md), changed at
 * {@code stateChangedAt}; {@code fixedAt} is when it became FIXED; {@code dueDate} is the
 * deadline the policy gave it when it was opened (docs/deadlines.md), null when unknown;
 * {@code assessment} is what a person or a VEX document said about it.
 */
public record Finding(
    UUID id, UUID orgId, UUID projectId,
    String componentKey, String componentName, String componentGroup, String componentVersion, String componentPurl,
    String advisoryId, List<String> aliases, String title, Severity severity, Double score,
    String fixedVersion, String verdict, String reason, FindingState state, UUID analysisId, Instant createdAt,
    Instant stateChangedAt, Instant fixedAt, LocalDate dueDate, Assessment assessment) {

  public static final String AFFECTED = "AFFECTED";
  public static final String UNDECIDABLE = "UNDECIDABLE";

  public Finding {
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(state, "state");
    if (stateChangedAt == null) stateChangedAt = createdAt;
    if (assessment == null) assessment = Assessment.NONE;
  }

  /** A finding as matching makes it: NEW, no due date yet, nothing assessed. */
  public Finding(UUID id, UUID orgId, UUID projectId, String componentKey, String componentName, String componentGroup,
      String componentVersion, String componentPurl, String advisoryId, List<String> aliases, String title,
      Severity severity, Double score, String fixedVersion, String verdict, String reason, FindingState state,
      UUID analysisId, Instant createdAt) {
    this(id, orgId, projectId, componentKey, componentName, componentGroup, componentVersion, componentPurl, advisoryId,
        aliases, title, severity, score, fixedVersion, verdict, reason, state, analysisId, createdAt, createdAt, null,
        null, Assessment.NONE);
  }

  /**
   * What a person or a VEX document said about a finding, in CycloneDX's vocabulary:
   * {@code justification} (e.g. {@code code_not_reachable}) for NOT_AFFECTED, {@code response}
   * (e.g. {@code will_not_fix}, {@code update}), free-text {@code details}, whether it is
   * {@code suppressed} from counts and mails, and for RISK_ACCEPTED the {@code riskReason} and
   * the day the acceptance expires ({@code riskExpires}; the finding reopens after it).
   */
  public record Assessment(String justification, String response, String details, boolean suppressed,
      String riskReason, LocalDate riskExpires) {

    public static final Assessment NONE = new Assessment(null, null, null, false, null, null);
  }

  /** The component a finding is about, as the finding records it. */
  public record Subject(UUID orgId, UUID projectId, String key, String name, String group, String version, String purl) {}

  /** The finding one match makes: severity from the advisory's scores, the fix or the reason it is undecidable. */
  public static Finding of(Subject c, Match m, UUID analysisId, Instant now) {
    return of(c, m, SeverityRating.of(m.advisory()), analysisId, now);
  }

  /** As above, with the advisory's rating worked out before: the hub rates each record once, not per finding. */
  public static Finding of(Subject c, Match m, SeverityRating rating, UUID analysisId, Instant now) {
    Advisory a = m.advisory();
    String fixed = m.verdict() instanceof Verdict.Affected aff ? aff.fixedVersion() : null;
    String reason = m.verdict() instanceof Verdict.Undecidable u ? u.reason() : null;
    String verdict = m.verdict() instanceof Verdict.Affected ? AFFECTED : UNDECIDABLE;
    String title = a.summary().isBlank() ? firstLine(a.details()) : a.summary();
    return new Finding(UUID.randomUUID(), c.orgId(), c.projectId(), c.key(), c.name(), c.group(), c.version(),
        c.purl(), a.id(), a.aliases(), title, rating.severity(), rating.score(), fixed, verdict, reason,
        FindingState.NEW, analysisId, now);
  }

  private static String firstLine(String details) {
    String line = details.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }

  /** The same finding with a due date. */
  public Finding withDueDate(LocalDate due) {
    return new Finding(id, orgId, projectId, componentKey, componentName, componentGroup, componentVersion,
        componentPurl, advisoryId, aliases, title, severity, score, fixedVersion, verdict, reason, state, analysisId,
        createdAt, stateChangedAt, fixedAt, due, assessment);
  }

  public boolean undecidable() {
    return UNDECIDABLE.equals(verdict);
  }

  /** Still open and past its due date on {@code today} (the due day itself is not overdue). */
  public boolean isOverdue(LocalDate today) {
    return state.isOpen() && dueDate != null && today.isAfter(dueDate);
  }

  /** Every id the advisory is known by: its own first, then its aliases. */
  public List<String> ids() {
    var out = new java.util.ArrayList<String>(aliases.size() + 1);
    out.add(advisoryId);
    aliases.forEach(a -> { if (!out.contains(a)) out.add(a); });
    return List.copyOf(out);
  }
}
