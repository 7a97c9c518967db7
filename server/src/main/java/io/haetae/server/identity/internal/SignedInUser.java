package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user signed in through the web form; carries the {@link Caller} it acts as.
 * {@code lockedUntil} is set after repeated failed sign-ins; {@code secondFactor} says whether
 * the user has enrolled TOTP.
 */
public record SignedInUser(String email, String passwordHash, Caller caller, Instant lockedUntil, boolean secondFactor)
    implements UserDetails, HubUser {

  public SignedInUser(String email, String passwordHash, Caller caller) {
    this(email, passwordHash, caller, null, false);
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(caller.role().authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public boolean isAccountNonLocked() {
    return lockedUntil == null || lockedUntil.isBefore(Instant.now());
  }

  /** The caller of a page principal (password or OpenID Connect sign-in), or null. */
  @Override
  public SignedInUser withCaller(Caller current) {
    return new SignedInUser(email, passwordHash, current, lockedUntil, secondFactor);
  }

  public static Caller callerOf(Object principal) {
    return principal instanceof HubUser user ? user.caller() : null;
  }

  @Override
  public String toString() {
    return "SignedInUser[" + email + "]";
  }
}
