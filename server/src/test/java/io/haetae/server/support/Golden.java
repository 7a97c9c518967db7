package io.haetae.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files: a whole output against its file; {@code -Dgolden.update=true} (or a missing file) writes it. */
public final class Golden {

  private Golden() {}

  public static void assertMatches(Path folder, String name, String actual) throws IOException {
    Path file = folder.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(folder);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
