package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits in front of the guessable and the costly requests: a password sign-in is refused
 * unchecked (429) while its address and account back off ({@link AuthThrottle#refuseUnchecked});
 * SBOM uploads are limited per organisation (placed after authentication, so the organisation is
 * known). Second-factor codes are throttled by their page, which knows the account.
 */
class ThrottleFilter extends OncePerRequestFilter {

  private final AuthThrottle throttle;
  private final AuditLog audit;

  ThrottleFilter(AuthThrottle throttle, AuditLog audit) {
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    boolean post = "POST".equals(request.getMethod());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (post && path.equals("/login")) {
      var wait = throttle.refuseUnchecked(address, request.getParameter("username"));
      if (wait.isPresent()) {
        // A browser signing in gets the hub's own 429 page, not a JSON body.
        Refusals.tooManyAttempts(response, wait.getAsLong(), audit, address, true);
        return;
      }
    }
    if ((post || "PUT".equals(request.getMethod())) && path.equals("/api/v1/bom")
        && SecurityContextHolder.getContext().getAuthentication() != null
        && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof Caller caller
        && !throttle.allowUpload(caller.orgId().toString())) {
      audit.attempt(caller.name(), caller.orgId(), "sbom.throttled", null);
      response.setHeader("Retry-After", "60");
      Refusals.problem(response, 429, "too many SBOM uploads for this organisation; try again in a minute");
      return;
    }
    chain.doFilter(request, response);
  }
}
