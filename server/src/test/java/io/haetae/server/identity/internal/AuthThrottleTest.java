package io.haetae.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets behind the 429s: per address, per organisation, independent of each other. */
class AuthThrottleTest {

  final AuthThrottle throttle = new AuthThrottle(3, Duration.ofMinutes(10), 5, 2);

  @Test
  void anAddressIsBlockedOnceItsFailuresAreUsedUpAndOthersAreNot() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.isBlocked("10.0.0.1")).isFalse();
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.isBlocked("10.0.0.1")).isTrue();
    assertThat(throttle.isBlocked("10.0.0.2")).isFalse();
    assertThat(throttle.retryAfterSeconds()).isEqualTo(200);
  }

  @Test
  void signInsAndUploadsHaveTheirOwnPerMinuteAllowance() {
    for (int i = 0; i < 5; i++) assertThat(throttle.allowSignIn("10.0.0.3")).isTrue();
    assertThat(throttle.allowSignIn("10.0.0.3")).isFalse();
    assertThat(throttle.allowUpload("org-a")).isTrue();
    assertThat(throttle.allowUpload("org-a")).isTrue();
    assertThat(throttle.allowUpload("org-a")).isFalse();
    assertThat(throttle.allowUpload("org-b")).isTrue();
  }
}
