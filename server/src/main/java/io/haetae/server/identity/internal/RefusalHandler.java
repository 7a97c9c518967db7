package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A 403 for a signed-in caller whose role does not reach the route (URL rules and
 * {@code Caller.require} alike), audited as a refused access. A session that has only passed
 * its password is sent to the second factor instead.
 */
class RefusalHandler implements AccessDeniedHandler {

  private final AuditLog audit;
  private final boolean api;

  RefusalHandler(AuditLog audit, boolean api) {
    this.audit = audit;
    this.api = api;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (!api && auth != null && auth.getAuthorities().stream().anyMatch(a -> SignInFlow.PENDING.equals(a.getAuthority()))) {
      response.sendRedirect(request.getContextPath() + "/login/totp");
      return;
    }
    String target = request.getMethod() + " " + request.getRequestURI();
    if (!api && e instanceof CsrfException) {
      // A form without its session: the browser sent no session cookie (a Secure cookie over
      // plain HTTP, cookies blocked) or an expired one. Say so on the sign-in page, not a bare 403.
      boolean noCookie = request.getRequestedSessionId() == null;
      audit.attempt(request.getRemoteAddr(), null, noCookie ? "csrf.no-session-cookie" : "csrf.session-expired", target);
      response.sendRedirect(request.getContextPath() + (noCookie ? "/login?nocookie" : "/login?expired"));
      return;
    }
    io.haetae.server.identity.CurrentCaller.of(auth).ifPresentOrElse(caller -> audit.refused(caller, target),
        () -> audit.attempt(request.getRemoteAddr(), null, "access.refused", target));
    if (api) {
      Refusals.problem(response, HttpServletResponse.SC_FORBIDDEN, "your role does not allow this");
    } else {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
  }
}
