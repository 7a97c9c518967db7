package io.haetae.engine.match;

import io.haetae.engine.advisory.Advisory;

/** An advisory that affects (or may affect) an installed package. */
public record Match(InstalledPackage installed, Advisory advisory, Verdict verdict) {}
