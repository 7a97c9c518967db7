package io.haetae.server.selfcheck.internal;

import java.util.List;
import java.util.Map;

/**
 * What is known about a business beyond its answers. Each kind ({@code sbom} now; domain watch's
 * lookalike domains later) gives named signals, each with what in the evidence gives it (the
 * packages, the domains); the questionnaire's evidence rules turn signals into caps on answers,
 * so a new kind adds signals and rules, not scoring code (docs/self-check.md).
 */
interface Evidence {

  /** The kind an evidence rule names ({@code sbom}, later {@code domain-watch}). */
  String kind();

  /** Each signal given, with the items behind it ("lodash 4.17.15"), in the order to name them. */
  Map<String, List<String>> signals();

  /** A short account for people: what was looked at and what came out. */
  Map<String, Object> summary();
}
