package io.haetae.server.identity;

import io.haetae.server.identity.internal.SignedInUser;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the current request, for routes open to anonymous callers too (the OSV API,
 * advisory pages) that still answer signed-in callers with more (TLP). Routes that need a
 * caller take a {@link Caller} parameter instead.
 */
public final class CurrentCaller {

  private CurrentCaller() {}

  public static Optional<Caller> get() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  /** The caller an authentication stands for, if complete (its role granted, not only a first factor). */
  public static Optional<Caller> of(Authentication auth) {
    Object principal = auth == null ? null : auth.getPrincipal();
    Caller caller = principal instanceof Caller c ? c : SignedInUser.callerOf(principal);
    if (caller == null) return Optional.empty();
    boolean granted = auth.getAuthorities().stream().anyMatch(a -> caller.role().authority().equals(a.getAuthority()));
    return granted ? Optional.of(caller) : Optional.empty();
  }
}
