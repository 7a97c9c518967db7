package io.haetae.server.identity;

/** What kind of organisation takes part; drives defaults and the national statistics. */
public enum SizeClass {
  LARGE_COMPANY, SME, AGENCY, ISAC, MINISTRY;

  public static SizeClass parse(String value) {
    if (value == null || value.isBlank()) return LARGE_COMPANY;
    for (SizeClass s : values()) if (s.name().equalsIgnoreCase(value.strip().replace('-', '_'))) return s;
    throw new IllegalArgumentException("'sizeClass' must be one of " + java.util.Arrays.toString(values()) + ", not '" + value + "'");
  }
}
