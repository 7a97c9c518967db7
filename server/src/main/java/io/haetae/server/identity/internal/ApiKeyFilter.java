package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls by the {@code X-Api-Key} header, as Dependency-Track clients send it.
 * The key is always checked first: a valid key is never refused because of other callers'
 * failures from the same address (a shared CI runner, a NAT). A wrong or revoked key answers 401,
 * counts against the address and is audited; past the address's bound it answers 429 instead
 * (docs/access.md, "Throttling": a key of about 234 random bits cannot be guessed at any rate).
 */
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";

  private final OrganisationService organisations;
  private final AuthThrottle throttle;
  private final AuditLog audit;

  ApiKeyFilter(OrganisationService organisations, AuthThrottle throttle, AuditLog audit) {
    this.organisations = organisations;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    var caller = organisations.authenticate(key);
    if (caller.isEmpty()) {
      boolean overBound = throttle.failed(address, null);
      audit.attempt(address, null, "api-key.rejected", prefix(key));
      if (overBound) {
        Refusals.tooManyAttempts(response, throttle.retryAfterSeconds(), audit, address, false);
      } else {
        Refusals.problem(response, HttpServletResponse.SC_UNAUTHORIZED, "the API key is unknown or revoked");
      }
      return;
    }
    signIn(caller.get());
    chain.doFilter(request, response);
  }

  /** Enough of a wrong key to recognise a typo in the log, far too little to use. */
  private static String prefix(String key) {
    String k = key.strip();
    return k.length() <= 8 ? "(short key)" : k.substring(0, 8) + "…";
  }

  private static void signIn(Caller caller) {
    var auth = new UsernamePasswordAuthenticationToken(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority())));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
  }
}
