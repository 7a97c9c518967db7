package io.haetae.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every word a page shows comes from a message bundle: a template's text is only a placeholder
 * that {@code th:text} (or {@code th:utext}, {@code th:replace}, {@code th:insert}) replaces.
 * A word typed straight into a template would show in one language to everyone.
 */
class TemplateTextTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  /** An opening tag and the text right after it, up to the next tag. */
  private static final Pattern AFTER_OPENING = Pattern.compile("<([a-zA-Z](?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>([^<]*)<");
  /** Text right after a closing tag (a word between two elements of one paragraph). */
  private static final Pattern AFTER_CLOSING = Pattern.compile("</[a-zA-Z][^<>]*>([^<]*)<");
  private static final Pattern REPLACED = Pattern.compile("\\bth:(text|utext|replace|insert|remove)\\s*=");
  /** Replaces an element's content (not a fragment call, which passes its content along). */
  private static final Pattern CONTENT_REPLACED = Pattern.compile("\\bth:(text|utext)\\s*=");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

  @Test
  void templatesHoldNoUntranslatedText() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = Files.readString(file, StandardCharsets.UTF_8)
            .replaceAll("(?s)<!--.*?-->", "")
            .replaceAll("(?s)<(script|style)\\b.*?</\\1>", "<x>");
        var opening = AFTER_OPENING.matcher(html);
        while (opening.find()) {
          if (WORD.matcher(opening.group(2)).find() && !REPLACED.matcher(opening.group(1)).find()
              && !insideReplacedElement(html, opening.start())) {
            found.add(TEMPLATES.relativize(file) + ": \"" + opening.group(2).strip() + "\"");
          }
        }
        var closing = AFTER_CLOSING.matcher(html);
        while (closing.find()) {
          if (WORD.matcher(closing.group(1)).find() && !insideReplacedElement(html, closing.start(1))) {
            found.add(TEMPLATES.relativize(file) + ": \"" + closing.group(1).strip() + "\"");
          }
        }
      }
    }
    assertThat(found).as("text typed into templates instead of message keys").isEmpty();
  }

  /**
   * Placeholder markup inside an element whose content Thymeleaf replaces as a whole (for
   * example a {@code <p th:text>} holding an example with a link) never reaches a page.
   */
  private static boolean insideReplacedElement(String html, int at) {
    var tag = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^<>\"'/]|\"[^\"]*\"|'[^']*'|/(?!>))*)(/?)>");
    var m = tag.matcher(html.substring(0, at));
    var stack = new ArrayList<String>();
    while (m.find()) {
      String name = m.group(2).toLowerCase();
      if (m.group(4).equals("/") || List.of("br", "hr", "img", "input", "meta", "link").contains(name)) continue;
      if (m.group(1).equals("/")) {
        if (!stack.isEmpty()) stack.remove(stack.size() - 1);
      } else {
        stack.add(m.group(3));
      }
    }
    return stack.stream().anyMatch(attributes -> CONTENT_REPLACED.matcher(attributes).find());
  }
}
