package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.server.identity.Marking;

/**
 * An advisory as the store holds it, with the severity band and score computed at import and
 * its TLP marking ({@link Marking#PUBLIC} for public feeds such as OSV).
 */
public record StoredAdvisory(Advisory advisory, Severity severity, Double score, String vector, Marking marking) {

  public StoredAdvisory(Advisory advisory, Severity severity, Double score, String vector) {
    this(advisory, severity, score, vector, Marking.PUBLIC);
  }

  /**
   * The same advisory with the band, score and vector its record gives now ({@link SeverityRating}):
   * the stored columns were computed at import, perhaps by an older rule, and matching rates
   * findings with what the record says today.
   */
  public StoredAdvisory rated() {
    var r = SeverityRating.of(advisory);
    return new StoredAdvisory(advisory, r.severity(), r.score(), r.vector(), marking);
  }

  /** {@link #severity}, {@link #score} and {@link #vector} as one rating. */
  public SeverityRating rating() {
    return new SeverityRating(severity, score, vector);
  }
}
