package io.haetae.server.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * How big an organisation is as a business (the national register's micro, small, medium,
 * large), for addressing notices to a size class. Independent of {@link SizeClass}, which says
 * what kind of participant an organisation is (company, agency, ISAC, ministry).
 */
public enum BusinessSize {
  MICRO, SMALL, MEDIUM, LARGE;

  /** The code used in CSV files and the API: {@code micro}, {@code small}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The size a code names, case-insensitively; a message naming {@code field} otherwise. */
  public static BusinessSize parse(String value, String field) {
    if (value != null) {
      for (BusinessSize s : values()) if (s.name().equalsIgnoreCase(value.strip())) return s;
    }
    throw new IllegalArgumentException("'" + field + "' must be one of micro, small, medium, large, not '"
        + (value == null ? "" : value) + "'");
  }

  /** The participant kind an imported organisation of this size gets when it is created. */
  public SizeClass kind() {
    return this == LARGE ? SizeClass.LARGE_COMPANY : SizeClass.SME;
  }

  static String codes() {
    return Arrays.toString(values()).toLowerCase(Locale.ROOT);
  }
}
