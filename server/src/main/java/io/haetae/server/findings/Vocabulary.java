package io.haetae.server.findings;

import java.util.Locale;

/**
 * Justifications and responses are stored as CycloneDX spells them ({@code code_not_reachable},
 * {@code will_not_fix}); Dependency-Track spells the same values in upper case
 * ({@code CODE_NOT_REACHABLE}, {@code WILL_NOT_FIX}). OpenVEX's justifications are mapped onto
 * CycloneDX's nearest one where it has one.
 */
public final class Vocabulary {

  private Vocabulary() {}

  /** Dependency-Track's justifications (CycloneDX's, upper case), NOT_SET aside. */
  public static final java.util.List<String> JUSTIFICATIONS = java.util.List.of("CODE_NOT_PRESENT", "CODE_NOT_REACHABLE",
      "REQUIRES_CONFIGURATION", "REQUIRES_DEPENDENCY", "REQUIRES_ENVIRONMENT", "PROTECTED_BY_COMPILER",
      "PROTECTED_AT_RUNTIME", "PROTECTED_AT_PERIMETER", "PROTECTED_BY_MITIGATING_CONTROL");

  /** Dependency-Track's responses (CycloneDX's, upper case), NOT_SET aside. */
  public static final java.util.List<String> RESPONSES = java.util.List.of("CAN_NOT_FIX", "WILL_NOT_FIX", "UPDATE",
      "ROLLBACK", "WORKAROUND_AVAILABLE");

  /** A justification as stored: CycloneDX's spelling; OpenVEX's mapped onto CycloneDX's nearest. */
  public static String storedJustification(String any) {
    if (any == null || any.isBlank()) return null;
    String v = any.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "not_set" -> null;
      case "component_not_present", "vulnerable_code_not_present" -> "code_not_present";
      case "vulnerable_code_not_in_execute_path" -> "code_not_reachable";
      case "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist" ->
          "protected_by_mitigating_control";
      default -> v;
    };
  }

  public static String dtJustification(String stored) {
    return stored.toUpperCase(Locale.ROOT);
  }

  public static String dtResponse(String stored) {
    return stored.toUpperCase(Locale.ROOT);
  }
}
