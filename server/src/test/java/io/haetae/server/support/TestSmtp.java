package io.haetae.server.support;

import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Picks a free SMTP port for the whole test run, so two suites on one machine (two checkouts,
 * or the PostgreSQL and H2 executions) never fight over GreenMail's fixed 3025. The hub reads
 * it as {@code spring.mail.port}; tests start GreenMail with {@link #setup()}.
 */
public final class TestSmtp implements LauncherSessionListener {

  private static final String PORT = "spring.mail.port";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty(PORT) != null) return;
    try (ServerSocket probe = new ServerSocket(0)) {
      System.setProperty(PORT, Integer.toString(probe.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test SMTP server", e);
    }
  }

  /** GreenMail's SMTP setup on this run's port. */
  public static ServerSetup setup() {
    return new ServerSetup(Integer.getInteger(PORT, 3025), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  }
}
