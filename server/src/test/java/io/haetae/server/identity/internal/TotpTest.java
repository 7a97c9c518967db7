package io.haetae.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 Appendix B's test vectors, and what an authenticator app needs from us. */
class TotpTest {

  static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SHA512_KEY =
      "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T={0}")
  @CsvSource({
      "59,          94287082, 46119246, 90693936",
      "1111111109,  07081804, 68084774, 25091201",
      "1111111111,  14050471, 67062674, 99943326",
      "1234567890,  89005924, 91819424, 93441116",
      "2000000000,  69279037, 90698825, 38618901",
      "20000000000, 65353130, 77737706, 47863826"})
  void matchesTheRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
    long step = time / 30;
    assertThat(Totp.code(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
    assertThat(Totp.code(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
    assertThat(Totp.code(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
  }

  @Test
  void sixDigitCodesAreTheLastSixOfTheRfcValues() {
    String secret = Totp.base32(SHA1_KEY);
    assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.code(secret, 59)).isEqualTo("287082");
    assertThat(Totp.code(secret, 1111111109)).isEqualTo("081804");
  }

  @Test
  void acceptsOneStepOfDriftAndNothingElse() {
    String secret = Totp.base32(SHA1_KEY);
    long now = 1_234_567_890;
    assertThat(Totp.verify(secret, Totp.code(secret, now), now)).hasValue(now / 30);
    assertThat(Totp.verify(secret, Totp.code(secret, now - 30), now)).hasValue(now / 30 - 1);
    assertThat(Totp.verify(secret, Totp.code(secret, now + 30), now)).hasValue(now / 30 + 1);
    assertThat(Totp.verify(secret, Totp.code(secret, now - 90), now)).isEmpty();
    assertThat(Totp.verify(secret, "12345", now)).isEmpty();
    assertThat(Totp.verify(secret, "abcdef", now)).isEmpty();
    assertThat(Totp.verify(secret, null, now)).isEmpty();
  }

  @Test
  void newSecretsAre160BitsAndRoundTripThroughBase32() {
    String secret = Totp.newSecret();
    assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
    assertThat(Totp.decodeBase32(secret)).hasSize(20);
    assertThat(Totp.newSecret()).isNotEqualTo(secret);
  }

  @Test
  void otpauthUriCarriesIssuerAccountAndSecret() {
    assertThat(Totp.uri("Haetae", "op@cert.test", "ABC"))
        .isEqualTo("otpauth://totp/Haetae:op%40cert.test?secret=ABC&issuer=Haetae&algorithm=SHA1&digits=6&period=30");
  }
}
