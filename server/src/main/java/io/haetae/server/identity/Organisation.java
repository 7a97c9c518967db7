package io.haetae.server.identity;

import java.time.Instant;
import java.util.UUID;

/** An organisation taking part in the hub. */
public record Organisation(UUID id, String name, String sector, String cisoEmail, boolean operator, Instant createdAt,
    SizeClass sizeClass) {

  public Organisation(UUID id, String name, String sector, String cisoEmail, boolean operator, Instant createdAt) {
    this(id, name, sector, cisoEmail, operator, createdAt, SizeClass.LARGE_COMPANY);
  }
}
