package io.haetae.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A throwaway database for one scenario run: a new database on the local PostgreSQL, dropped at
 * the end, or an H2 file under the run's folder (the embedded default of {@code ./haetae}).
 */
record ScratchDatabase(String kind, String url, String user, String pgName) implements AutoCloseable {

  static final String PG_USER = System.getenv().getOrDefault("HAETAE_BENCH_PGUSER", "postgres");
  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

  static ScratchDatabase create(String kind, String prefix, Path dataDir) throws SQLException {
    return switch (kind) {
      case "postgres" -> {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(PG_ADMIN, PG_USER, "")) {
          c.createStatement().execute("CREATE DATABASE " + name);
        }
        yield new ScratchDatabase(kind, "jdbc:postgresql://127.0.0.1:5432/" + name + "?reWriteBatchedInserts=true", PG_USER, name);
      }
      case "h2" -> new ScratchDatabase(kind,
          "jdbc:h2:file:" + dataDir + "/haetae;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", null);
      default -> throw new IllegalArgumentException("--db is h2 or postgres, not '" + kind + "'");
    };
  }

  /** Whether the local PostgreSQL answers on 127.0.0.1:5432. */
  static boolean postgresAnswers() {
    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 300);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** A connection of the scenario's own, for checks while no hub holds the database (H2) or beside it (PostgreSQL). */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** The Spring settings that point a hub at this database. */
  java.util.List<String> springArgs() {
    return java.util.List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user);
  }

  @Override
  public void close() throws SQLException {
    if (pgName == null) return;
    try (var c = DriverManager.getConnection(PG_ADMIN, PG_USER, "")) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
    }
  }
}
