package io.haetae.server.alert.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One-click acknowledgement links: {@code <alert id>.<purpose>.<expiry>} signed with
 * HMAC-SHA256 under a key the hub makes once and keeps in its database (so links survive a
 * restart and every node agrees). A token names one alert and one purpose ("ack") and expires
 * ({@code haetae.alert.link-valid-for}, default 14 days); nothing else is needed to use it, which
 * is why the link only opens a confirmation page and the POST from that page acknowledges (mail
 * scanners fetch links, they do not submit forms).
 */
@Component
class AckLinks {

  static final String ACKNOWLEDGE = "ack";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final AlertRepository repository;
  private final Duration validFor;
  private final Clock clock;
  private volatile byte[] key;

  @Autowired
  AckLinks(AlertRepository repository, @Value("${haetae.alert.link-valid-for:P14D}") Duration validFor) {
    this.repository = repository;
    this.validFor = validFor;
    this.clock = Clock.systemUTC();
  }

  /** Links under a fixed key (tests). */
  AckLinks(byte[] key, Duration validFor) {
    this.repository = null;
    this.validFor = validFor;
    this.clock = Clock.systemUTC();
    this.key = key.clone();
  }

  /** A token acknowledging {@code alertId}, valid from now for the configured time. */
  String issue(UUID alertId) {
    return issue(alertId, ACKNOWLEDGE, clock.instant().plus(validFor));
  }

  String issue(UUID alertId, String purpose, Instant expires) {
    String payload = alertId + "." + purpose + "." + expires.getEpochSecond();
    return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(sign(payload));
  }

  /** The alert a valid, unexpired token for {@code purpose} names; empty for anything else. */
  Optional<UUID> verify(String token, String purpose) {
    if (token == null || token.length() > 300) return Optional.empty();
    int dot = token.indexOf('.');
    if (dot < 0) return Optional.empty();
    try {
      String payload = new String(B64D.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] signature = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(sign(payload), signature)) return Optional.empty();
      String[] parts = payload.split("\\.");
      if (parts.length != 3 || !parts[1].equals(purpose)) return Optional.empty();
      if (clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(parts[2])))) return Optional.empty();
      return Optional.of(UUID.fromString(parts[0]));
    } catch (IllegalArgumentException e) {
      // Not base64, not a number, not a UUID: not a token of ours.
      return Optional.empty();
    }
  }

  private byte[] sign(String payload) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      k = B64D.decode(repository.linkSecret(() -> {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return B64.encodeToString(bytes);
      }));
      key = k;
    }
    return k;
  }
}
