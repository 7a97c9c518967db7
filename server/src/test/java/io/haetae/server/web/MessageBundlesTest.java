package io.haetae.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import java.util.Locale;

/** Korean is the default language: every text a page or mail shows exists in Korean and English. */
class MessageBundlesTest {

  @Test
  void everyBundleHasTheSameKeysInKoreanAndEnglish() throws IOException {
    String[] basenames = Languages.basenames();
    assertThat(basenames).contains("messages", "i18n/web");
    for (String base : basenames) {
      Properties english = load(base + ".properties");
      Properties korean = load(base + "_ko.properties");
      assertThat(new TreeSet<>(korean.stringPropertyNames())).as(base + "_ko.properties keys")
          .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
      for (String key : korean.stringPropertyNames()) {
        assertThat(korean.getProperty(key)).as(base + "_ko.properties: " + key).isNotBlank();
      }
    }
  }

  @Test
  void koreanIsTheDefaultAndEnglishIsChosenByTag() {
    var source = new Languages().messageSource();
    assertThat(source.getMessage("nav.signout", null, Languages.of(null))).isEqualTo("로그아웃");
    assertThat(source.getMessage("nav.signout", null, Languages.of("en-GB"))).isEqualTo("Sign out");
    assertThat(source.getMessage("nav.signout", null, Languages.of("fr"))).isEqualTo("로그아웃");
    assertThat(source.getMessage("lang.switch", null, Locale.ENGLISH)).isEqualTo("Language");
  }

  private static Properties load(String resource) throws IOException {
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the class path").isNotNull();
      var p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    }
  }
}
