package io.haetae.server.identity;

import io.haetae.server.web.Languages;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An organisation taking part in the hub. {@code language} ("ko" or "en") is the language its
 * mail is written in; Korean unless the organisation chose English.
 */
public record Organisation(UUID id, String name, String sector, String cisoEmail, boolean operator, Instant createdAt,
    SizeClass sizeClass, String language) {

  public Organisation {
    language = Languages.of(language).getLanguage();
  }

  public Organisation(UUID id, String name, String sector, String cisoEmail, boolean operator, Instant createdAt,
      SizeClass sizeClass) {
    this(id, name, sector, cisoEmail, operator, createdAt, sizeClass, null);
  }

  public Organisation(UUID id, String name, String sector, String cisoEmail, boolean operator, Instant createdAt) {
    this(id, name, sector, cisoEmail, operator, createdAt, SizeClass.LARGE_COMPANY);
  }

  /** The locale of the organisation's mail. */
  public Locale locale() {
    return Languages.of(language);
  }
}
