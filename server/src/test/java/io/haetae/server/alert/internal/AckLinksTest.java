package io.haetae.server.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens name one alert and one purpose, expire, and fail on any change. */
class AckLinksTest {

  private final AckLinks links = new AckLinks("0123456789abcdef0123456789abcdef".getBytes(), java.time.Duration.ofDays(14));

  private final UUID alert = UUID.randomUUID();

  @Test
  void aFreshTokenNamesItsAlert() {
    assertThat(links.verify(links.issue(alert), AckLinks.ACKNOWLEDGE)).contains(alert);
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = links.issue(alert, AckLinks.ACKNOWLEDGE, Instant.now().minus(1, ChronoUnit.MINUTES));
    assertThat(links.verify(token, AckLinks.ACKNOWLEDGE)).isEmpty();
  }

  @Test
  void aTokenForAnotherPurposeIsRefused() {
    String token = links.issue(alert, "unsubscribe", Instant.now().plus(1, ChronoUnit.DAYS));
    assertThat(links.verify(token, AckLinks.ACKNOWLEDGE)).isEmpty();
  }

  @Test
  void aChangedTokenIsRefused() {
    String token = links.issue(alert);
    String otherAlert = links.issue(UUID.randomUUID());
    String forged = otherAlert.substring(0, otherAlert.indexOf('.')) + token.substring(token.indexOf('.'));
    assertThat(links.verify(forged, AckLinks.ACKNOWLEDGE)).isEmpty();
    assertThat(links.verify(token + "x", AckLinks.ACKNOWLEDGE)).isEmpty();
    assertThat(links.verify("not-a-token", AckLinks.ACKNOWLEDGE)).isEmpty();
    assertThat(links.verify("", AckLinks.ACKNOWLEDGE)).isEmpty();
  }
}
