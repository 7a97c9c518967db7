package io.haetae.server.incident.internal;

import io.haetae.server.web.BadInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The classes of the ENISA Reference Security Incident Taxonomy (RSIT, the taxonomy of the
 * CSIRTs Network, github.com/enisaeu/Reference-Security-Incident-Taxonomy-Task-Force), with the
 * taxonomy's own machine-readable value. Labels are in the message bundles
 * ({@code incident.class.<NAME>}).
 */
enum IncidentClass {
  ABUSIVE_CONTENT("abusive-content"),
  MALICIOUS_CODE("malicious-code"),
  INFORMATION_GATHERING("information-gathering"),
  INTRUSION_ATTEMPTS("intrusion-attempts"),
  INTRUSIONS("intrusions"),
  AVAILABILITY("availability"),
  INFORMATION_CONTENT_SECURITY("information-content-security"),
  FRAUD("fraud"),
  VULNERABLE("vulnerable"),
  OTHER("other"),
  TEST("test");

  private final String rsit;

  IncidentClass(String rsit) {
    this.rsit = rsit;
  }

  /** The value RSIT writes, e.g. {@code information-content-security}. */
  public String rsit() {
    return rsit;
  }

  /** Accepts the RSIT value or the constant's name, in any case; a clear error naming the field otherwise. */
  static IncidentClass parse(String value, String field) {
    if (value != null) {
      String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (IncidentClass c : values()) if (c.rsit.equals(v)) return c;
    }
    throw new BadInputException("'" + field + "' must be an ENISA RSIT class, one of "
        + Arrays.stream(values()).map(IncidentClass::rsit).toList() + ", not '" + value + "'");
  }
}
