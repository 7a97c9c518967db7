package io.haetae.server.identity;

/** Traffic Light Protocol 2.0 labels (FIRST, https://www.first.org/tlp/), least restricted first. */
public enum Tlp {
  CLEAR, GREEN, AMBER, AMBER_STRICT, RED;

  /** The label as TLP 2.0 writes it: {@code TLP:AMBER+STRICT}. */
  public String label() {
    return "TLP:" + name().replace("_STRICT", "+STRICT");
  }

  /** Accepts "AMBER+STRICT", "TLP:AMBER+STRICT", "amber_strict"; a clear error otherwise. */
  public static Tlp parse(String value) {
    if (value == null || value.isBlank()) return CLEAR;
    String v = value.strip().toUpperCase(java.util.Locale.ROOT).replace("TLP:", "").replace('+', '_');
    for (Tlp t : values()) if (t.name().equals(v)) return t;
    throw new IllegalArgumentException("'tlp' must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED, not '" + value + "'");
  }
}
