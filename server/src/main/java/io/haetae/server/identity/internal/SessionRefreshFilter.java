package io.haetae.server.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a signed-in session to what the store says now, on every page request: a removed or
 * locked user is signed out at their next request, and a changed role, organisation or sector
 * takes effect at once instead of when the session ends (an active session never idles out).
 * One indexed look-up by e-mail per page request; API keys are checked per request already.
 */
class SessionRefreshFilter extends OncePerRequestFilter {

  private final OrganisationRepository users;
  private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  SessionRefreshFilter(OrganisationRepository users) {
    this.users = users;
  }

  /** Style sheets, scripts and health checks say nothing a stale role could misuse. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
        || path.equals("/favicon.ico") || path.startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof HubUser user) {
      var current = users.findUser(user.email()).filter(SignedInUser::isAccountNonLocked);
      if (current.isEmpty()) {
        signOut(request);
      } else if (!current.get().caller().equals(user.caller()) && SignInFlow.isFull(auth)) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SignInFlow.full(user.withCaller(current.get().caller())));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
      }
    }
    chain.doFilter(request, response);
  }

  private static void signOut(HttpServletRequest request) {
    SecurityContextHolder.clearContext();
    var session = request.getSession(false);
    if (session != null) session.invalidate();
  }
}
