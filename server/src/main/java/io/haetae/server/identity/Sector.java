package io.haetae.server.identity;

import java.util.Locale;

/** A sector from the list organisations are placed in: its code and its English and Korean names. */
public record Sector(String code, String nameEn, String nameKo) {

  public Sector {
    code = SectorCode.normalise(code);
    if (code == null) throw new IllegalArgumentException("sector code is blank");
    if (nameEn == null || nameEn.isBlank()) nameEn = code;
    if (nameKo == null || nameKo.isBlank()) nameKo = nameEn;
  }

  /** The name in a page's or mail's language (Korean unless English). */
  public String name(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameKo;
  }
}
