package io.haetae.server.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the session cookie is marked {@code Secure}. {@code haetae.cookies.secure=auto} (the
 * default) leaves it to Tomcat, which marks it on HTTPS requests only, including those a proxy
 * forwards with {@code X-Forwarded-Proto: https} ({@code server.forward-headers-strategy}).
 * Forcing it everywhere made a browser drop the cookie of a hub served over plain HTTP at any
 * address but localhost, so every sign-in ended in a bare 403. {@code always} forces it, for a
 * hub reached only through HTTPS. Sessions are Spring Session's (in the database, shared by the
 * nodes; cluster module), whose cookie serializer marks the cookie Secure on HTTPS requests by
 * itself; {@code always} is set on it as well as on the container.
 */
@Configuration
@ConditionalOnWebApplication
class SessionCookies {

  @Bean
  ServletContextInitializer secureSessionCookie(@Value("${haetae.cookies.secure:auto}") String mode) {
    boolean always = switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "always" -> true;
      case "auto" -> false;
      default -> throw new IllegalStateException("haetae.cookies.secure is '" + mode + "': use always or auto");
    };
    return context -> {
      if (always) context.getSessionCookieConfig().setSecure(true);
    };
  }

  @Bean
  org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer secureSessionCookieUnderSpringSession(
      @Value("${haetae.cookies.secure:auto}") String mode) {
    boolean always = "always".equalsIgnoreCase(mode.strip());
    return serializer -> {
      if (always) serializer.setUseSecureCookie(true);
    };
  }
}
