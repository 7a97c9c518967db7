package io.haetae.server.identity.internal;

import io.haetae.server.cluster.SharedCounters;
import io.haetae.server.cluster.SharedCounters.Count;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Throttles failed authentications, not addresses (docs/access.md, "Throttling"): many
 * organisations share one address (NAT, CI runners), so one caller's failures must not refuse
 * another's valid key or correct password. Counted in the database ({@link SharedCounters}), so
 * every node of a cluster sees the same counts. Per window ({@code failed-auth-window}, 15 min):
 * <ul>
 *   <li><b>address and account</b>: after {@code failed-auth-per-account-and-address} (5) failures
 *       the pair backs off, 30 s doubling per further failure up to the window; during the back-off
 *       its attempts are refused before the password is looked at;
 *   <li><b>account</b>: after {@code failed-auth-per-account} (10) failures from anywhere, an
 *       address that has itself failed for the account is refused before checking; an address that
 *       has not (the owner at home, at the office) is still checked: a correct password gets in.
 *       After {@code failed-auth-account-ceiling} (100), a guess from many addresses at once, only
 *       addresses the account has signed in from before (in {@code known-address-for}, 90 days)
 *       are checked;
 *   <li><b>address</b>: after {@code failed-auth-per-address} (30) failures over all accounts and
 *       keys, a wrong credential is answered 429 instead of 401, and a correct one still passes;
 *       after {@code failed-auth-address-ceiling} (300), far beyond what a shared address fails by
 *       mistake, password and code attempts from it are refused before checking.
 * </ul>
 * API keys (about 234 random bits) are always checked first: a valid key is never refused, and
 * guessing one is hopeless at any rate. SBOM uploads are limited per organisation.
 */
@Component
public class AuthThrottle {

  private final SharedCounters counters;
  private final int perPair;
  private final int perAccount;
  private final int accountCeiling;
  private final Duration knownFor;
  private final int perAddress;
  private final int addressCeiling;
  private final Duration window;
  private final long uploadsPerMinute;

  AuthThrottle(SharedCounters counters,
      @Value("${haetae.security.failed-auth-per-account-and-address:5}") int perPair,
      @Value("${haetae.security.failed-auth-per-account:10}") int perAccount,
      @Value("${haetae.security.failed-auth-account-ceiling:100}") int accountCeiling,
      @Value("${haetae.security.known-address-for:P90D}") Duration knownFor,
      @Value("${haetae.security.failed-auth-per-address:30}") int perAddress,
      @Value("${haetae.security.failed-auth-address-ceiling:300}") int addressCeiling,
      @Value("${haetae.security.failed-auth-window:PT15M}") Duration window,
      @Value("${haetae.security.uploads-per-minute:60}") long uploadsPerMinute) {
    this.counters = counters;
    this.perPair = perPair;
    this.perAccount = perAccount;
    this.accountCeiling = accountCeiling;
    this.knownFor = knownFor;
    this.perAddress = perAddress;
    this.addressCeiling = addressCeiling;
    this.window = window;
    this.uploadsPerMinute = uploadsPerMinute;
  }

  /**
   * Before a password or second-factor code of {@code account} from {@code address} is checked:
   * empty when it may be checked, else the seconds to wait (the attempt is refused unchecked).
   */
  public OptionalLong refuseUnchecked(String address, String account) {
    Instant now = Instant.now();
    if (counters.read(addressKey(address), window).hits() >= addressCeiling) return OptionalLong.of(window.toSeconds());
    Count pair = counters.read(pairKey(address, account), window);
    if (pair.hits() >= perPair) {
      Instant until = pair.lastHit().plus(backoff(pair.hits() - perPair));
      if (now.isBefore(until)) return OptionalLong.of(Math.max(1, Duration.between(now, until).toSeconds()));
    }
    Count acct = counters.read(accountKey(account), window);
    if (acct.hits() >= perAccount) {
      Instant until = acct.lastHit().plus(backoff(acct.hits() - perAccount));
      boolean underSiege = acct.hits() >= accountCeiling && counters.read(knownKey(address, account), knownFor).hits() == 0;
      if ((pair.hits() > 0 || underSiege) && now.isBefore(until)) {
        return OptionalLong.of(Math.max(1, Duration.between(now, until).toSeconds()));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Counts a wrong credential ({@code account} null for an unknown API key or a failed OpenID
   * Connect sign-in). True when the address is over its bound: answer 429 rather than 401.
   */
  public boolean failed(String address, String account) {
    if (account != null) {
      counters.hit(pairKey(address, account), window);
      counters.hit(accountKey(account), window);
    }
    return counters.hit(addressKey(address), window).hits() > perAddress;
  }

  /**
   * A correct credential: the pair's failures are forgotten (the account's stay: others may be
   * guessing) and the address becomes a known one of the account.
   */
  public void succeeded(String address, String account) {
    counters.reset(pairKey(address, account));
    counters.hit(knownKey(address, account), knownFor);
  }

  public boolean allowUpload(String organisation) {
    return counters.hit("upload:" + organisation, Duration.ofMinutes(1)).hits() <= uploadsPerMinute;
  }

  /** Seconds a caller over the address bound is told to wait (Retry-After). */
  public long retryAfterSeconds() {
    return Math.max(1, window.toSeconds() / Math.max(1, perAddress));
  }

  /** 30 s after the first failure past a limit, doubling, at most the window. */
  Duration backoff(int beyond) {
    long seconds = 30L << Math.min(Math.max(0, beyond), 20);
    return Duration.ofSeconds(Math.min(seconds, window.toSeconds()));
  }

  private static String addressKey(String address) {
    return "auth:addr:" + (address == null ? "unknown" : address);
  }

  private static String accountKey(String account) {
    return "auth:acct:" + normalise(account);
  }

  private static String knownKey(String address, String account) {
    return "auth:known:" + (address == null ? "unknown" : address) + ":" + normalise(account);
  }

  private static String pairKey(String address, String account) {
    return "auth:pair:" + (address == null ? "unknown" : address) + ":" + normalise(account);
  }

  private static String normalise(String account) {
    String a = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    // Keys are bounded (the column holds 400 characters); an absurd user name is cut, not refused.
    return a.length() <= 200 ? a : a.substring(0, 200);
  }
}
