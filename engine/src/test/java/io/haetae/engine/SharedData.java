package io.haetae.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpora (../shared), when the checkout has them; tests skip cleanly otherwise. */
public final class SharedData {

  private SharedData() {}

  /** {@code relative} under the shared folder; skips the calling test when it is absent. */
  public static Path require(String relative) {
    var root = System.getProperty("haetae.shared");
    assumeTrue(root != null, "system property haetae.shared not set");
    var path = Path.of(root).resolve(relative).normalize();
    assumeTrue(Files.exists(path), "shared data absent: " + path);
    return path;
  }
}
