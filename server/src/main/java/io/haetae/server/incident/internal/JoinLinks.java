package io.haetae.server.incident.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The committee's join links: the token names the case and the member and carries an
 * HMAC-SHA256 over both with a purpose prefix, so it joins that member to that case and does
 * nothing else (as the broadcast acknowledgement links do). The key is
 * {@code haetae.incidents.link-secret} or, when none is set, a random one kept in
 * {@code incident_link_key}, so links survive restarts and every node signs alike.
 */
@Component
class JoinLinks {

  private static final String PURPOSE = "haetae-incident-join:";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final JdbcClient jdbc;
  private final String configured;
  private volatile byte[] key;

  JoinLinks(JdbcClient jdbc, IncidentSettings settings) {
    this.jdbc = jdbc;
    this.configured = settings.linkSecret();
  }

  record Ids(UUID incident, UUID member) {}

  String token(UUID incident, UUID member) {
    byte[] ids = ByteBuffer.allocate(32).putLong(incident.getMostSignificantBits()).putLong(incident.getLeastSignificantBits())
        .putLong(member.getMostSignificantBits()).putLong(member.getLeastSignificantBits()).array();
    return B64.encodeToString(ids) + "." + B64.encodeToString(mac(ids));
  }

  /** The case and member a token names, if its signature is right. */
  Optional<Ids> verify(String token) {
    if (token == null || token.length() > 200 || token.indexOf('.') < 0) return Optional.empty();
    int dot = token.indexOf('.');
    try {
      byte[] ids = Base64.getUrlDecoder().decode(token.substring(0, dot));
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      if (ids.length != 32 || !MessageDigest.isEqual(signature, mac(ids))) return Optional.empty();
      var b = ByteBuffer.wrap(ids);
      return Optional.of(new Ids(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] ids) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      mac.update(PURPOSE.getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(ids);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k != null) return k;
    synchronized (this) {
      if (key == null) {
        if (configured != null && !configured.isBlank()) {
          key = configured.getBytes(StandardCharsets.UTF_8);
        } else {
          byte[] fresh = new byte[32];
          new SecureRandom().nextBytes(fresh);
          jdbc.sql("INSERT INTO incident_link_key (id, secret) VALUES (1, :s) ON CONFLICT DO NOTHING")
              .param("s", Base64.getEncoder().encodeToString(fresh)).update();
          key = Base64.getDecoder().decode(jdbc.sql("SELECT secret FROM incident_link_key WHERE id = 1").query(String.class).single());
        }
      }
      return key;
    }
  }
}
