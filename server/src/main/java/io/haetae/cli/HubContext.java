package io.haetae.cli;

import io.haetae.server.HaetaeApplication;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub's modules without the web server, for commands that work on the local data directory
 * (the same database a running hub uses; H2's AUTO_SERVER lets both open it). Only what a
 * command needs starts: no timers, no redelivery of other work left open in the event
 * publication registry (the serving hub does that), and on exit no waiting for listeners
 * such as alert mail, whose publications stay open for the hub to deliver.
 */
final class HubContext implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final Instant openedAt;

  private HubContext(ConfigurableApplicationContext context, Instant openedAt) {
    this.context = context;
    this.openedAt = openedAt;
  }

  static HubContext open(List<String> springArgs) {
    return open(springArgs, false);
  }

  /**
   * Opens the hub of the data directory, saying which on stderr first.
   *
   * @param init create a hub where there is none (otherwise that is a {@link CommandFailure})
   */
  static HubContext open(List<String> springArgs, boolean init) {
    DataDirectory data = DataDirectory.resolve();
    boolean embedded = DataDirectory.embedded(springArgs);
    System.err.println(data.describe(embedded));
    if (embedded && !init && !data.holdsHub()) {
      throw new CommandFailure("no hub in " + data.path() + ": start one there with './haetae serve', set HAETAE_DATA_DIR "
          + "to the hub's data directory, or pass --init to create an empty hub here", 2);
    }
    var args = new ArrayList<String>();
    args.add(data.springArg());
    // Our own log lines would mix with the command's output; the command prints what matters.
    args.add("--logging.level.io.haetae=WARN");
    args.add("--haetae.scheduling=false");
    args.add("--haetae.sync.enabled=false");
    args.add("--haetae.listener-shutdown-wait-seconds=0");
    args.add("--spring.modulith.events.republish-outstanding-events-on-restart=false");
    // Broadcasts are sent by the hub, not by a short-lived command.
    args.add("--haetae.broadcast.senders=0");
    // Webhooks likewise: the serving hub delivers what a command queued.
    args.add("--haetae.webhooks.senders=0");
    args.addAll(springArgs);
    Instant openedAt = Instant.now();
    var context = new SpringApplicationBuilder(HaetaeApplication.class)
        .web(WebApplicationType.NONE)
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
    return new HubContext(context, openedAt);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * Waits until the listeners of the events of the given types that this command published
   * (matching, for an import) have finished. Work it did not start (mail left unsent by an
   * earlier run, another command's matching) is not waited for, and neither is what those
   * listeners publish in turn (the alert mail): the serving hub delivers it.
   */
  boolean awaitEvents(Duration timeout, Class<?>... eventTypes) throws InterruptedException {
    var jdbc = context.getBean(JdbcClient.class);
    List<String> types = Arrays.stream(eventTypes).map(Class::getName).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long pending = jdbc.sql("""
              SELECT COUNT(*) FROM event_publication
              WHERE completion_date IS NULL AND publication_date >= :since AND event_type IN (:types)
                AND (status IS NULL OR status NOT IN ('FAILED'))""")
          .param("since", OffsetDateTime.ofInstant(openedAt, ZoneOffset.UTC)).param("types", types)
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
