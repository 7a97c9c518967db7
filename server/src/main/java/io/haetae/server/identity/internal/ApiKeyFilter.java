package io.haetae.server.identity.internal;

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
 * A wrong key is treated as no key: the request stays anonymous and protected routes answer 401.
 */
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";

  private final OrganisationService organisations;

  ApiKeyFilter(OrganisationService organisations) {
    this.organisations = organisations;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key != null) {
      organisations.authenticate(key).ifPresent(ApiKeyFilter::signIn);
    }
    chain.doFilter(request, response);
  }

  private static void signIn(Caller caller) {
    var auth = new UsernamePasswordAuthenticationToken(caller, null,
        List.of(new SimpleGrantedAuthority(caller.role().authority())));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
  }
}
