package io.haetae.server.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.server.cluster.SharedCounters;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The bounds behind the 429s, counted in the database: failures per pair, per account, per address. */
@SpringBootTest
@ActiveProfiles("test")
class AuthThrottleTest {

  @Autowired SharedCounters counters;

  AuthThrottle throttle() {
    return new AuthThrottle(counters, 3, 5, 8, Duration.ofDays(90), 10, 20, Duration.ofMinutes(10), 2);
  }

  static String address() {
    return "10.66." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
  }

  @Test
  void aPairThatKeepsFailingBacksOffWhileTheSameAddressMayStillTryOtherAccounts() {
    var throttle = throttle();
    String address = address();
    String account = UUID.randomUUID() + "@pair.test";
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.refuseUnchecked(address, account)).isEmpty();
      throttle.failed(address, account);
    }
    assertThat(throttle.refuseUnchecked(address, account).getAsLong()).isBetween(1L, 30L);
    assertThat(throttle.refuseUnchecked(address, "someone-else@pair.test")).isEmpty();
    assertThat(throttle.refuseUnchecked(address(), account)).isEmpty();
  }

  @Test
  void anAccountUnderAttackRefusesTheAttackingAddressesButNotAFreshOne() {
    var throttle = throttle();
    String account = UUID.randomUUID() + "@account.test";
    String attacker = address();
    for (int i = 0; i < 5; i++) throttle.failed(i < 2 ? attacker : address(), account);
    assertThat(throttle.refuseUnchecked(attacker, account)).isPresent();
    assertThat(throttle.refuseUnchecked(address(), account)).isEmpty();
  }

  @Test
  void anAccountGuessedFromManyAddressesIsCheckedOnlyFromAddressesItSignedInFromBefore() {
    var throttle = throttle();
    String account = UUID.randomUUID() + "@siege.test";
    String office = address();
    throttle.succeeded(office, account);
    for (int i = 0; i < 8; i++) throttle.failed(address(), account);
    assertThat(throttle.refuseUnchecked(address(), account)).isPresent();
    assertThat(throttle.refuseUnchecked(office, account)).isEmpty();
  }

  @Test
  void anAddressOverItsBoundIsToldToWaitAndOverTheCeilingIsRefusedUnchecked() {
    var throttle = throttle();
    String address = address();
    for (int i = 1; i <= 10; i++) assertThat(throttle.failed(address, null)).isFalse();
    assertThat(throttle.failed(address, null)).isTrue();
    assertThat(throttle.refuseUnchecked(address, "fresh@ceiling.test")).isEmpty();
    for (int i = 0; i < 9; i++) throttle.failed(address, null);
    assertThat(throttle.refuseUnchecked(address, "fresh@ceiling.test")).isPresent();
  }

  @Test
  void aSuccessForgetsThePairsFailuresAndUploadsHaveTheirOwnAllowance() {
    var throttle = throttle();
    String address = address();
    String account = UUID.randomUUID() + "@success.test";
    for (int i = 0; i < 3; i++) throttle.failed(address, account);
    throttle.succeeded(address, account);
    assertThat(throttle.refuseUnchecked(address, account)).isEmpty();
    String org = UUID.randomUUID().toString();
    assertThat(throttle.allowUpload(org)).isTrue();
    assertThat(throttle.allowUpload(org)).isTrue();
    assertThat(throttle.allowUpload(org)).isFalse();
    assertThat(throttle.allowUpload(UUID.randomUUID().toString())).isTrue();
  }

  @Test
  void backOffDoublesUpToTheWindow() {
    var throttle = throttle();
    assertThat(throttle.backoff(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(throttle.backoff(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(throttle.backoff(30)).isEqualTo(Duration.ofMinutes(10));
  }
}
