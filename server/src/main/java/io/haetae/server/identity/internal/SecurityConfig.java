package io.haetae.server.identity.internal;

import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Two chains: the machine APIs (Dependency-Track compatible {@code /api/**}, OSV compatible
 * {@code /v1/**}) are stateless and keyed by {@code X-Api-Key}; the pages use a form sign-in
 * with a session and CSRF protection.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, OrganisationService organisations) throws Exception {
    return http
        .securityMatcher("/api/**", "/v1/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new ApiKeyFilter(organisations), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth
            // Advisories are public knowledge: the OSV-compatible API is open, as OSV.dev's is.
            .requestMatchers("/v1/**").permitAll()
            .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/vulnerability/**", "/api/v1/vulnerabilities").permitAll()
            .requestMatchers("/api/v1/advisories/**").hasAuthority(Role.OPERATOR.authority())
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/national/**").hasAuthority(Role.OPERATOR.authority())
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .headers(h -> h
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"))
            .frameOptions(f -> f.deny()))
        .build();
  }
}
