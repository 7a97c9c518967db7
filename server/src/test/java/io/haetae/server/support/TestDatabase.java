package io.haetae.server.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the database for the whole test run: a fresh database on the local PostgreSQL when
 * 127.0.0.1:5432 answers, else an in-memory H2 in PostgreSQL mode. {@code HAETAE_TEST_DB=h2}
 * forces H2. The choice is made once, as system properties Spring Boot reads.
 */
public final class TestDatabase implements LauncherSessionListener {

  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static String createdDatabase;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("spring.datasource.url") != null) return;
    boolean forceH2 = "h2".equalsIgnoreCase(System.getenv("HAETAE_TEST_DB"));
    if (!forceH2 && postgresAnswers()) {
      try {
        usePostgres();
        return;
      } catch (SQLException e) {
        System.err.println("TestDatabase: PostgreSQL answered but refused a test database (" + e.getMessage() + "); using H2");
      }
    }
    useH2();
  }

  /** Which database the run uses, for tests that say so in their output. */
  public static String kind() {
    return createdDatabase != null ? "postgresql" : "h2";
  }

  private static boolean postgresAnswers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 300);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void usePostgres() throws SQLException {
    String name = "haetae_test_" + Instant.now().getEpochSecond() + "_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, user(), "")) {
      dropLeftovers(c);
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    createdDatabase = name;
    // Batches rewritten into multi-row inserts, as production should run: proves code that
    // reads batch update counts copes with SUCCESS_NO_INFO.
    System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + name);
    System.setProperty("spring.datasource.username", user());
    System.setProperty("spring.datasource.password", "");
  }

  /**
   * The run's own database stays when the run ends: cached Spring contexts close in a JVM shutdown
   * hook, after the launcher session, and still need it then. Each run instead drops the databases
   * of earlier runs: older than two hours (so a parallel run's is never touched) and unused.
   */
  private static void dropLeftovers(Connection c) {
    long cutoff = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
    try (var rs = c.createStatement().executeQuery(
        "SELECT datname FROM pg_database WHERE datname LIKE 'haetae\\_test\\_%'")) {
      var stale = new java.util.ArrayList<String>();
      while (rs.next()) {
        String[] parts = rs.getString(1).split("_");
        if (parts.length == 4 && parts[2].matches("\\d{10}") && Long.parseLong(parts[2]) < cutoff) stale.add(rs.getString(1));
      }
      for (String db : stale) {
        try {
          c.createStatement().execute("DROP DATABASE IF EXISTS " + db);
        } catch (SQLException inUse) {
          // Someone is still connected: leave it for a later run.
        }
      }
    } catch (SQLException e) {
      System.err.println("TestDatabase: could not list old test databases: " + e.getMessage());
    }
  }

  private static void useH2() {
    System.setProperty("spring.datasource.url",
        "jdbc:h2:mem:haetae;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    System.setProperty("spring.datasource.username", "sa");
    System.setProperty("spring.datasource.password", "");
  }

  /** Trust authentication: the local superuser for CI (root) or the postgres role. */
  private static String user() {
    String configured = System.getenv("HAETAE_TEST_PGUSER");
    if (configured != null) return configured;
    for (String candidate : new String[] {System.getProperty("user.name"), "postgres"}) {
      try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, candidate, "")) {
        return candidate;
      } catch (SQLException ignored) {
        // try the next role
      }
    }
    return "postgres";
  }
}
