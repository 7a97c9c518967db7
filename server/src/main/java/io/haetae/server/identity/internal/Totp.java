package io.haetae.server.identity.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (HOTP of RFC 4226 over 30-second steps), as
 * authenticator apps compute them: HMAC-SHA1, 6 digits, the secret as base32 in an
 * {@code otpauth://} URI.
 *
 * <pre>{@code
 * String secret = Totp.newSecret();
 * OptionalLong step = Totp.verify(secret, "492039", Instant.now().getEpochSecond());
 * }</pre>
 */
public final class Totp {

  static final int STEP_SECONDS = 30;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** 160 random bits, the key length RFC 4226 recommends, base32-encoded. */
  static String newSecret() {
    byte[] key = new byte[20];
    RANDOM.nextBytes(key);
    return base32(key);
  }

  /** The code for a time step: RFC 4226 section 5.3's dynamic truncation of HMAC(key, step). */
  static String code(byte[] key, long step, int digits, String algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, "RAW"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      int modulo = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulo);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  public static String code(String secret, long epochSeconds) {
    return code(decodeBase32(secret), epochSeconds / STEP_SECONDS, 6, "HmacSHA1");
  }

  /**
   * The time step the code belongs to, accepting one step of clock drift either way (RFC 6238
   * section 5.2); empty when the code is wrong. The caller must refuse a step already used.
   */
  static OptionalLong verify(String secret, String code, long epochSeconds) {
    if (code == null) return OptionalLong.empty();
    String given = code.replace(" ", "").strip();
    if (!given.matches("\\d{6}")) return OptionalLong.empty();
    byte[] key = decodeBase32(secret);
    long now = epochSeconds / STEP_SECONDS;
    for (long step = now - 1; step <= now + 1; step++) {
      if (java.security.MessageDigest.isEqual(code(key, step, 6, "HmacSHA1").getBytes(), given.getBytes())) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  /** The URI authenticator apps read (Google Authenticator's Key Uri Format). */
  static String uri(String issuer, String account, String secret) {
    var enc = (java.util.function.Function<String, String>) s ->
        java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + enc.apply(issuer) + ":" + enc.apply(account) + "?secret=" + secret
        + "&issuer=" + enc.apply(issuer) + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
  }

  static String base32(byte[] data) {
    var sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    return sb.toString();
  }

  static byte[] decodeBase32(String text) {
    String s = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) throw new IllegalArgumentException("not base32: '" + c + "'");
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
