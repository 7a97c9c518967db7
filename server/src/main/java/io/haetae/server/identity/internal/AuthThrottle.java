package io.haetae.server.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j), kept in memory per client address or organisation:
 * failed authentications per address (passwords, API keys, TOTP codes), sign-in attempts per
 * address, and SBOM uploads per organisation. An empty bucket answers 429. Buckets of quiet
 * addresses expire, so a flood of addresses cannot grow memory without bound.
 */
@Component
public class AuthThrottle {

  private final Cache<String, Bucket> failures;
  private final Cache<String, Bucket> signIns;
  private final Cache<String, Bucket> uploads;
  private final long failureLimit;
  private final Duration failureWindow;
  private final long signInsPerMinute;
  private final long uploadsPerMinute;

  AuthThrottle(@Value("${haetae.security.failed-auth-per-address:10}") long failureLimit,
      @Value("${haetae.security.failed-auth-window:PT10M}") Duration failureWindow,
      @Value("${haetae.security.sign-ins-per-minute:20}") long signInsPerMinute,
      @Value("${haetae.security.uploads-per-minute:60}") long uploadsPerMinute) {
    this.failureLimit = failureLimit;
    this.failureWindow = failureWindow;
    this.signInsPerMinute = signInsPerMinute;
    this.uploadsPerMinute = uploadsPerMinute;
    this.failures = cache(failureWindow);
    this.signIns = cache(Duration.ofMinutes(2));
    this.uploads = cache(Duration.ofMinutes(2));
  }

  private static Cache<String, Bucket> cache(Duration idle) {
    return Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(idle).build();
  }

  /** Whether the address has used up its failed authentications; it must wait for the window to refill. */
  public boolean isBlocked(String address) {
    Bucket bucket = failures.getIfPresent(key(address));
    return bucket != null && bucket.getAvailableTokens() <= 0;
  }

  public void failed(String address) {
    failures.get(key(address), k -> bucket(failureLimit, failureWindow)).tryConsume(1);
  }

  /** Takes one sign-in attempt from the address's allowance; false when it is used up. */
  public boolean allowSignIn(String address) {
    return signIns.get(key(address), k -> bucket(signInsPerMinute, Duration.ofMinutes(1))).tryConsume(1);
  }

  public boolean allowUpload(String organisation) {
    return uploads.get(organisation, k -> bucket(uploadsPerMinute, Duration.ofMinutes(1))).tryConsume(1);
  }

  /** Seconds until a blocked address may try again, for the Retry-After header. */
  public long retryAfterSeconds() {
    return Math.max(1, failureWindow.toSeconds() / Math.max(1, failureLimit));
  }

  private static Bucket bucket(long capacity, Duration window) {
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build();
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }
}
