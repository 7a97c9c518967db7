package io.haetae.server.domainwatch;

import java.util.Locale;

/** What the protecting organisation says a match is. */
public enum Verdict {
  NEW, MALICIOUS, BENIGN, OWN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Null when the text names no verdict. */
  public static Verdict parse(String s) {
    if (s == null) return null;
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
