package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The refusals the security filters write themselves, as {@code application/problem+json}. */
final class Refusals {

  private Refusals() {}

  /** 429 with Retry-After; for a page, the container's error page (the hub's own) instead of JSON. */
  static void tooManyAttempts(HttpServletResponse response, long retryAfterSeconds, AuditLog audit, String address,
      boolean page) throws IOException {
    audit.attempt(address, null, "auth.throttled", null);
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    if (page) {
      response.sendError(429);
    } else {
      problem(response, 429, "too many failed authentication attempts from this address; try again later");
    }
  }

  static void problem(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    // detail is always one of our fixed sentences: no user input reaches it.
    response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
  }
}
