package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;
import io.haetae.server.identity.Marking;

/**
 * An advisory as the store holds it, with the severity band and score computed at import and
 * its TLP marking ({@link Marking#PUBLIC} for public feeds such as OSV).
 */
public record StoredAdvisory(Advisory advisory, Severity severity, Double score, String vector, Marking marking) {

  public StoredAdvisory(Advisory advisory, Severity severity, Double score, String vector) {
    this(advisory, severity, score, vector, Marking.PUBLIC);
  }
}
