package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What happens after a password (or OpenID Connect) sign-in: success resets the account's
 * failure count and, for roles that need a second factor, leaves the session half signed in
 * ({@link #PENDING}) until {@code /login/totp} accepts a code; failure counts against the
 * address, the account and the pair ({@link AuthThrottle}): the account is not locked, since
 * anyone could lock anyone out by failing on purpose; attempts that keep failing back off
 * instead. Every outcome is audited.
 */
@Component
class SignInFlow implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  /** The only authority of a session that has passed the password but not yet the second factor. */
  static final String PENDING = "FACTOR_TOTP_PENDING";

  private final OrganisationRepository repository;
  private final AuthThrottle throttle;
  private final AuditLog audit;
  private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  SignInFlow(OrganisationRepository repository, AuthThrottle throttle, AuditLog audit) {
    this.repository = repository;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
      throws IOException {
    if (!(auth.getPrincipal() instanceof HubUser user)) throw new IllegalStateException("unexpected principal " + auth.getPrincipal().getClass());
    repository.recordSuccessfulSignIn(user.email());
    throttle.succeeded(request.getRemoteAddr(), user.email());
    Caller caller = user.caller();
    if (caller.role().needsSecondFactor()) {
      save(request, response, UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority(PENDING))));
      audit.attempt(user.email(), caller.orgId(), "sign-in.first-factor", null);
      response.sendRedirect(request.getContextPath() + "/login/totp");
      return;
    }
    save(request, response, full(user));
    audit.attempt(user.email(), caller.orgId(), "sign-in", null);
    response.sendRedirect(request.getContextPath() + "/");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String address = request.getRemoteAddr();
    String username = request.getParameter("username");
    String email = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    boolean overBound = throttle.failed(address, email);
    if (e instanceof LockedException) {
      // Locked by an operator (the store's locked_until), not by failures.
      audit.attempt(email, null, "sign-in.locked", null);
    } else {
      audit.attempt(email.isEmpty() ? address : email, null, "sign-in.failed", null);
    }
    if (overBound) {
      response.setHeader("Retry-After", Long.toString(throttle.retryAfterSeconds()));
      response.sendError(429);
      return;
    }
    // One message for every failure: a wrong password, an unknown user and a locked account look alike.
    response.sendRedirect(request.getContextPath() + "/login?error");
  }

  /** The second factor passed: the session gets the user's role, under a new session id. */
  void completeSecondFactor(HttpServletRequest request, HttpServletResponse response, HubUser user) {
    request.changeSessionId();
    save(request, response, full(user));
    audit.attempt(user.email(), user.caller().orgId(), "sign-in", "totp");
  }

  /** Whether the authentication has passed every factor (its role granted, not {@link #PENDING}). */
  static boolean isFull(Authentication auth) {
    return auth.getAuthorities().stream().noneMatch(a -> PENDING.equals(a.getAuthority()));
  }

  static Authentication full(HubUser user) {
    return UsernamePasswordAuthenticationToken.authenticated(user, null,
        List.of(new SimpleGrantedAuthority(user.caller().role().authority())));
  }

  private void save(HttpServletRequest request, HttpServletResponse response, Authentication auth) {
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }
}
