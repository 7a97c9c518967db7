package io.haetae.server.selfcheck.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public self-check runs scans and renders PDFs for anyone, so each client address gets a
 * token bucket ({@code haetae.self-check.per-minute} checks and reports a minute, default 10),
 * kept in memory with the same Bucket4j and Caffeine as identity's sign-in throttle. It runs
 * before security and before the upload is parsed; an empty bucket is a 429 through ErrorPages
 * (problem+json for the API, the hub's page for people).
 */
@Configuration
class SelfCheckThrottle {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> selfCheckThrottleFilter(
      @Value("${haetae.self-check.per-minute:10}") long perMinute) {
    Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(2))
        .build();
    var filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean costly = ("POST".equals(request.getMethod()) && (path.equals("/api/v1/self-check") || path.equals("/self-check")))
            || path.endsWith("/report.pdf");
        if (costly) {
          String address = request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr();
          var bucket = buckets.get(address, k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
              .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
          if (!bucket.tryConsume(1)) {
            response.setHeader("Retry-After", "60");
            response.sendError(429);
            return;
          }
        }
        chain.doFilter(request, response);
      }
    };
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
    registration.addUrlPatterns("/api/v1/self-check", "/self-check", "/self-check/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
