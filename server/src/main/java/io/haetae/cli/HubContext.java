package io.haetae.cli;

import io.haetae.server.HaetaeApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub's modules without the web server, for commands that work on the local data directory
 * (the same database a running hub uses; H2's AUTO_SERVER lets both open it).
 */
final class HubContext implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private HubContext(ConfigurableApplicationContext context) {
    this.context = context;
  }

  static HubContext open(List<String> springArgs) {
    var args = new ArrayList<String>();
    // Our own log lines would mix with the command's output; the command prints what matters.
    args.add("--logging.level.io.haetae=WARN");
    args.add("--haetae.redelivery.interval=PT1H");
    // Broadcasts are sent by the hub, not by a short-lived command.
    args.add("--haetae.broadcast.senders=0");
    args.addAll(springArgs);
    var context = new SpringApplicationBuilder(HaetaeApplication.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
    return new HubContext(context);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * Waits until the events this command published (matching, alerts) are handled, so that the
   * command's work is finished when it exits. Publications that failed (an unreachable SMTP
   * server) stay in the registry and are delivered by the hub later; they do not block.
   */
  boolean awaitEvents(Duration timeout) throws InterruptedException {
    var jdbc = context.getBean(JdbcClient.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long pending = jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND (status IS NULL OR status NOT IN ('FAILED'))")
          .query(Long.class).single();
      if (pending == 0) return true;
      Thread.sleep(100);
    }
    return false;
  }

  @Override
  public void close() {
    context.close();
  }
}
