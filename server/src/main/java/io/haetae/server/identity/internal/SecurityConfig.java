package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Two chains: the machine APIs (Dependency-Track compatible {@code /api/**}, OSV compatible
 * {@code /v1/**}) are stateless and keyed by {@code X-Api-Key}; the pages use a form sign-in
 * (and OpenID Connect when a provider is configured) with a session, CSRF protection and a
 * second factor for operator roles. docs/access.md describes the rules.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

  static final String[] OPERATORS = {Role.OPERATOR.authority(), Role.SECTOR_OPERATOR.authority()};
  static final String[] EVERY_ROLE = Arrays.stream(Role.values()).map(Role::authority).toArray(String[]::new);

  private final DataSize uploadLimit;
  private final DataSize requestLimit;

  SecurityConfig(@Value("${haetae.limits.upload:100MB}") DataSize uploadLimit,
      @Value("${haetae.limits.request:2MB}") DataSize requestLimit) {
    this.uploadLimit = uploadLimit;
    this.requestLimit = requestLimit;
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, OrganisationService organisations, AuthThrottle throttle, AuditLog audit)
      throws Exception {
    return http
        // The CSAF provider (disclosure module) is read by machines: API keys, no session.
        .securityMatcher("/api/**", "/v1/**", "/.well-known/csaf/**")
        .addFilterBefore(new RequestSizeFilter(uploadLimit, requestLimit), SecurityContextHolderFilter.class)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new ApiKeyFilter(organisations, throttle, audit), UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new ThrottleFilter(throttle, audit), ApiKeyFilter.class)
        .authorizeHttpRequests(auth -> auth
            // Advisories are public knowledge: the OSV-compatible API is open, as OSV.dev's is.
            .requestMatchers("/v1/**").permitAll()
            // CSAF 2.0 trusted provider: TLP:CLEAR is public; the controller serves the rest by TLP.
            .requestMatchers(org.springframework.http.HttpMethod.GET, "/.well-known/csaf/**").permitAll()
            .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/vulnerability/**", "/api/v1/vulnerabilities").permitAll()
            // The public small-business self-check (selfcheck module): anyone may run one; throttled per address.
            .requestMatchers("/api/v1/self-check", "/api/v1/self-check/**").permitAll()
            .requestMatchers("/api/v1/self-checks/national").hasAnyAuthority(OPERATORS)
            .requestMatchers("/api/v1/advisories/**").hasAuthority(Role.OPERATOR.authority())
            .requestMatchers("/api/v1/audit", "/api/v1/audit/**", "/api/v1/audit.csv").hasAnyAuthority(OPERATORS)
            .requestMatchers("/api/v1/oversight/**").hasAnyAuthority(OPERATORS)
            // Broadcasts (issue 12): operators send and read them; any recipient may acknowledge.
            .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/broadcasts/*/acknowledge").hasAnyAuthority(EVERY_ROLE)
            .requestMatchers("/api/v1/broadcasts", "/api/v1/broadcasts/**").hasAnyAuthority(OPERATORS)
            .requestMatchers("/api/v1/organisations/import").hasAuthority(Role.OPERATOR.authority())
            .anyRequest().hasAnyAuthority(EVERY_ROLE))
        .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::noKey)
            .accessDeniedHandler(new RefusalHandler(audit, true)))
        .headers(SecurityConfig::headers)
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http, SignInFlow flow, AuthThrottle throttle, AuditLog audit,
      ObjectProvider<ClientRegistrationRepository> oidcProviders, OrganisationRepository users) throws Exception {
    http
        .addFilterBefore(new RequestSizeFilter(uploadLimit, requestLimit), SecurityContextHolderFilter.class)
        .addFilterBefore(new ThrottleFilter(throttle, audit), SecurityContextHolderFilter.class)
        .addFilterAfter(new SessionRefreshFilter(users), SecurityContextHolderFilter.class)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/invitation/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/actuator/health", "/actuator/health/**").permitAll()
            // One-click alert acknowledgement: the signed link is the credential (alert module, AckLinks).
            .requestMatchers("/alerts/ack/*").permitAll()
            // The public small-business self-check and its results (the unguessable id is the key).
            .requestMatchers("/self-check", "/self-check/**").permitAll()
            .requestMatchers("/login/totp").hasAuthority(SignInFlow.PENDING)
            // The one-click acknowledgement link of a broadcast mail is signed: no sign-in needed.
            .requestMatchers("/broadcasts/ack/**").permitAll()
            // The review committee's join link (incident module, JoinLinks) is signed: the link is the credential.
            .requestMatchers("/incidents/join/*").permitAll()
            .requestMatchers("/broadcasts", "/broadcasts/**").hasAnyAuthority(OPERATORS)
            .requestMatchers("/national/**", "/audit", "/audit/**", "/audit.csv").hasAnyAuthority(OPERATORS)
            .requestMatchers("/national.csv", "/sectors/**", "/exposure", "/exposure.csv", "/coverage", "/coverage.csv",
                "/oversight/organisations/**").hasAnyAuthority(OPERATORS)
            .requestMatchers("/admin/**").hasAuthority(Role.OPERATOR.authority())
            // The demo's mail catcher (only with haetae.demo=true): operators read what was sent.
            .requestMatchers("/demo/**").hasAuthority(Role.OPERATOR.authority())
            .anyRequest().hasAnyAuthority(EVERY_ROLE))
        .formLogin(form -> form.loginPage("/login").successHandler(flow).failureHandler(flow).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .exceptionHandling(e -> e.accessDeniedHandler(new RefusalHandler(audit, false)))
        .headers(SecurityConfig::headers);
    if (oidcProviders.getIfAvailable() != null) {
      http.oauth2Login(o -> o.loginPage("/login")
          .userInfoEndpoint(u -> u.oidcUserService(new OidcSignIn(users)))
          .successHandler(flow)
          .failureHandler((request, response, e) -> {
            throttle.failed(request.getRemoteAddr(), null);
            audit.attempt(request.getRemoteAddr(), null, "sign-in.oidc-failed", e.getMessage());
            response.sendRedirect(request.getContextPath() + "/login?error");
          }));
    }
    return http.build();
  }

  /** A 401 that says what is missing: no key at all, or one the hub does not know (any more). */
  private static void noKey(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
    String key = request.getHeader("X-Api-Key");
    Refusals.problem(response, HttpStatus.UNAUTHORIZED.value(), key == null || key.isBlank()
        ? "no API key: send an organisation's key in the X-Api-Key header"
        : "the API key is unknown or revoked");
  }

  /** CSP without inline scripts (htmx and our scripts are files), no framing, no referrer leaks. */
  private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
    h.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
        .frameOptions(f -> f.deny())
        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
  }
}
