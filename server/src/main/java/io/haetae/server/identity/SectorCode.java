package io.haetae.server.identity;

import java.util.Locale;

/**
 * The one spelling of a sector's code: trimmed and lower case, so "Water", " water" and "WATER"
 * are one sector. Every place that sets an organisation's sector, or looks one up, goes through
 * {@link #normalise}: {@code SectorCode.normalise(" Water ")} is {@code "water"}.
 */
public final class SectorCode {

  private SectorCode() {}

  /** The code in its one spelling; null for null or blank (no sector). */
  public static String normalise(String raw) {
    if (raw == null || raw.isBlank()) return null;
    return raw.strip().toLowerCase(Locale.ROOT);
  }
}
