package io.haetae.engine.domain;

import java.time.Instant;
import java.util.List;

/**
 * An observed domain that imitates a protected name.
 *
 * @param domain     the observed domain (A-labels)
 * @param display    the observed domain as read (U-labels for IDNs)
 * @param protectedName the name it imitates
 * @param technique  how
 * @param score      0..100, higher is more certainly an impersonation
 * @param reasons    why the score is what it is, one short sentence each
 * @param firstSeen  when the domain was first seen, null when the source does not say
 */
public record DomainMatch(String domain, String display, ProtectedName protectedName, Technique technique, int score,
    List<String> reasons, Instant firstSeen) {

  public DomainMatch {
    reasons = List.copyOf(reasons);
    score = Math.max(0, Math.min(100, score));
  }
}
