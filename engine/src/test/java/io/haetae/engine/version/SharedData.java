package io.haetae.engine.version;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the read-only shared data folder ({@code ../shared} beside the checkout). Surefire
 * sets {@code haetae.shared}; from an IDE the module or repository directory is the working
 * directory. Tests that need it skip cleanly when it is absent.
 */
final class SharedData {

  private SharedData() {}

  /** The path below the shared folder; skips the calling test when it does not exist. */
  static Path require(String relative) {
    for (String candidate : new String[] {System.getProperty("haetae.shared"), "../shared", "../../shared"}) {
      if (candidate == null) continue;
      Path p = Path.of(candidate).resolve(relative);
      if (Files.exists(p)) return p;
    }
    Assumptions.abort("shared data not available: " + relative);
    throw new AssertionError("unreachable");
  }
}
