package io.haetae.server.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Durations as people read them, in the page's language: "3일 4시간" / "3d 4h", "5시간 10분",
 * "12분". Templates call {@code ${@durations.format(seconds)}}; JSON and CSV keep seconds.
 */
@Component("durations")
public class HumanDurations {

  private static final long M = 60;
  private static final long H = 3600;
  private static final long D = 86_400;

  private final MessageSource messages;

  HumanDurations(MessageSource messages) {
    this.messages = messages;
  }

  /** In the current request's language; a dash for none. */
  public String format(Long seconds) {
    return format(seconds, LocaleContextHolder.getLocale());
  }

  public String format(Long seconds, Locale locale) {
    if (seconds == null) return "–";
    long s = seconds;
    if (s >= D) return messages.getMessage("duration.days", new Object[] {s / D, s % D / H}, locale);
    if (s >= H) return messages.getMessage("duration.hours", new Object[] {s / H, s % H / M}, locale);
    return messages.getMessage("duration.minutes", new Object[] {s / M}, locale);
  }
}
