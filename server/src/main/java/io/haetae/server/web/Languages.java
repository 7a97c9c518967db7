package io.haetae.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Korean first, English second. Every page and mail reads its text from message bundles: the
 * shared {@code messages} bundle plus one bundle per module under {@code i18n/} (so modules
 * add their own text without touching a common file). A page's language is the user's choice
 * ({@code ?lang=en}, kept in a cookie), Korean when none was made; the browser's
 * Accept-Language is not consulted, since the hub's users are Korean agencies whose browsers
 * are often set to English.
 */
@Configuration
public class Languages implements WebMvcConfigurer {

  /** The language of every page and mail unless someone chose otherwise. */
  public static final Locale DEFAULT = Locale.KOREAN;
  /** The languages offered, default first. */
  public static final List<Locale> SUPPORTED = List.of(Locale.KOREAN, Locale.ENGLISH);

  @Bean
  MessageSource messageSource() {
    var source = new ResourceBundleMessageSource();
    source.setBasenames(basenames());
    source.setDefaultEncoding("UTF-8");
    // A key missing in Korean falls back to the English base file, never to the JVM's locale.
    source.setFallbackToSystemLocale(false);
    source.setDefaultLocale(Locale.ENGLISH);
    return source;
  }

  /** {@code messages} and every {@code i18n/<module>.properties} on the class path. */
  static String[] basenames() {
    var names = new TreeSet<String>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
        String file = r.getFilename();
        if (file == null) continue;
        String base = file.substring(0, file.length() - ".properties".length());
        if (!base.contains("_")) names.add("i18n/" + base);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the message bundles under i18n/", e);
    }
    var all = new java.util.ArrayList<String>();
    all.add("messages");
    all.addAll(names);
    return all.toArray(String[]::new);
  }

  @Bean
  LocaleResolver localeResolver() {
    var resolver = new CookieLocaleResolver("haetae-lang");
    resolver.setDefaultLocale(DEFAULT);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    var change = new LocaleChangeInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
          throws jakarta.servlet.ServletException {
        try {
          return super.preHandle(request, response, handler);
        } catch (IllegalStateException unreadableParameters) {
          // A broken multipart body: its parameters cannot be read, so the language stays as it
          // is and the error page for that request can still be rendered (docs/fuzzing.md).
          return true;
        }
      }
    };
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }

  /** The supported language a stored setting names, Korean for anything else. */
  public static Locale of(String tag) {
    if (tag == null || tag.isBlank()) return DEFAULT;
    Locale wanted = Locale.forLanguageTag(tag.strip());
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(wanted.getLanguage())).findFirst().orElse(DEFAULT);
  }
}
