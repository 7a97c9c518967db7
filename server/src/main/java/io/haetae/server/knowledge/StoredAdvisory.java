package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;

/** An advisory as the store holds it, with the severity band and score computed at import. */
public record StoredAdvisory(Advisory advisory, Severity severity, Double score, String vector) {}
