package io.haetae.server.findings;

import java.util.Locale;

/**
 * Justifications and responses are stored as CycloneDX spells them ({@code code_not_reachable},
 * {@code will_not_fix}); Dependency-Track spells the same values in upper case
 * ({@code CODE_NOT_REACHABLE}, {@code WILL_NOT_FIX}). OpenVEX's justifications are mapped onto
 * CycloneDX's nearest one where it has one.
 */
final class Vocabulary {

  private Vocabulary() {}

  static String dtJustification(String stored) {
    return stored.toUpperCase(Locale.ROOT);
  }

  static String dtResponse(String stored) {
    return stored.toUpperCase(Locale.ROOT);
  }
}
