package io.haetae.server.broadcast.internal;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs the one-click acknowledgement links: the token names the broadcast and the organisation
 * and carries an HMAC-SHA256 over both with a purpose prefix, so it acknowledges that one notice
 * for that one organisation and nothing else. The key is {@code haetae.broadcast.link-secret} or,
 * when none is configured, a random one kept in {@code broadcast_link_key} (links survive restarts).
 */
@Component
public class LinkSigner {

  private static final String PURPOSE = "haetae-broadcast-ack:";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final JdbcClient jdbc;
  private final String configured;
  private volatile byte[] key;

  LinkSigner(JdbcClient jdbc, @Value("${haetae.broadcast.link-secret:}") String configured) {
    this.jdbc = jdbc;
    this.configured = configured;
  }

  public String token(UUID broadcast, UUID org) {
    byte[] ids = ids(broadcast, org);
    return B64.encodeToString(ids) + "." + B64.encodeToString(mac(ids));
  }

  /** The broadcast and organisation a token names, if its signature is right. */
  public Optional<Ids> verify(String token) {
    if (token == null || token.length() > 200) return Optional.empty();
    int dot = token.indexOf('.');
    if (dot < 0) return Optional.empty();
    try {
      byte[] ids = Base64.getUrlDecoder().decode(token.substring(0, dot));
      byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      if (ids.length != 32 || !MessageDigest.isEqual(signature, mac(ids))) return Optional.empty();
      var buffer = ByteBuffer.wrap(ids);
      return Optional.of(new Ids(new UUID(buffer.getLong(), buffer.getLong()), new UUID(buffer.getLong(), buffer.getLong())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public record Ids(UUID broadcast, UUID org) {}

  private static byte[] ids(UUID broadcast, UUID org) {
    return ByteBuffer.allocate(32).putLong(broadcast.getMostSignificantBits()).putLong(broadcast.getLeastSignificantBits())
        .putLong(org.getMostSignificantBits()).putLong(org.getLeastSignificantBits()).array();
  }

  /** One initialised Mac per thread: the senders sign one link per message. */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  private byte[] mac(byte[] ids) {
    Mac mac = macs.get();
    mac.update(PURPOSE.getBytes(StandardCharsets.US_ASCII));
    return mac.doFinal(ids);
  }

  private byte[] key() {
    byte[] k = key;
    if (k != null) return k;
    synchronized (this) {
      if (key == null) key = load();
      return key;
    }
  }

  private byte[] load() {
    if (configured != null && !configured.isBlank()) return configured.getBytes(StandardCharsets.UTF_8);
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    jdbc.sql("INSERT INTO broadcast_link_key (id, secret) VALUES (1, :secret) ON CONFLICT DO NOTHING")
        .param("secret", Base64.getEncoder().encodeToString(fresh)).update();
    String stored = jdbc.sql("SELECT secret FROM broadcast_link_key WHERE id = 1").query(String.class).single();
    return Base64.getDecoder().decode(stored);
  }
}
