package io.haetae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the hub's data lives, decided once and the same way for {@code serve} and every
 * command: {@code HAETAE_DATA_DIR} when set, else the {@code data} folder beside the
 * {@code haetae} launcher (which passes its own folder as {@code haetae.home}), never the
 * folder the user happens to stand in. A command run elsewhere therefore finds the same hub,
 * and one pointed at a folder with no hub says so instead of creating an empty one.
 */
record DataDirectory(Path path) {

  /** H2's file for the embedded database: present once a hub has been started there. */
  private static final String DATABASE_FILE = "haetae.mv.db";

  static DataDirectory resolve() {
    String configured = firstSet(System.getenv("HAETAE_DATA_DIR"), System.getProperty("haetae.data-dir"));
    if (configured != null) return new DataDirectory(Path.of(configured).toAbsolutePath().normalize());
    String home = firstSet(System.getProperty("haetae.home"), System.getenv("HAETAE_HOME"));
    Path base = home != null ? Path.of(home) : Path.of("");
    return new DataDirectory(base.resolve("data").toAbsolutePath().normalize());
  }

  /** Whether a hub has used this directory (its embedded database exists). */
  boolean holdsHub() {
    return Files.isRegularFile(path.resolve(DATABASE_FILE));
  }

  /** The Spring setting that points the hub at this directory. */
  String springArg() {
    return "--haetae.data-dir=" + path;
  }

  /**
   * True when the run uses the embedded database of the data directory, not a database named
   * on the command line or in the environment (PostgreSQL, or a test's own).
   */
  static boolean embedded(List<String> springArgs) {
    boolean named = springArgs.stream().anyMatch(a -> a.startsWith("--spring.datasource.url="))
        || System.getProperty("spring.datasource.url") != null || System.getenv("SPRING_DATASOURCE_URL") != null;
    return !named;
  }

  /** The first line every command prints (on stderr, so scripts reading stdout are not disturbed). */
  String describe(boolean embedded) {
    return embedded ? "haetae: data directory " + path : "haetae: data directory " + path + " (database given by settings)";
  }

  private static String firstSet(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v;
    return null;
  }
}
