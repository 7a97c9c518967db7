package io.haetae.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Durations on pages read in the page's language, from the hub's own message bundles. */
class HumanDurationsTest {

  private final HumanDurations durations = new HumanDurations(bundles());

  private static ResourceBundleMessageSource bundles() {
    var source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @Test
  void daysAndHoursInKoreanAndEnglish() {
    long seconds = 912 * 86_400L + 12 * 3600 + 59;
    assertThat(durations.format(seconds, Locale.KOREAN)).isEqualTo("912일 12시간");
    assertThat(durations.format(seconds, Locale.ENGLISH)).isEqualTo("912d 12h");
  }

  @Test
  void hoursAndMinutesThenMinutesAlone() {
    assertThat(durations.format(5 * 3600L + 10 * 60, Locale.KOREAN)).isEqualTo("5시간 10분");
    assertThat(durations.format(12 * 60L + 30, Locale.ENGLISH)).isEqualTo("12m");
    assertThat(durations.format(59L, Locale.ENGLISH)).isEqualTo("0m");
  }

  @Test
  void nothingMeasuredIsADash() {
    assertThat(durations.format(null, Locale.KOREAN)).isEqualTo("–");
  }
}
