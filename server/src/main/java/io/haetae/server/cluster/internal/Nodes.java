package io.haetae.server.cluster.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * This process as a node of the cluster: a row in {@code cluster_node} with the time the node
 * started and, every {@code haetae.cluster.heartbeat} (10 s), the time it was last seen. A node
 * not seen for {@code haetae.cluster.node-timeout} (1 min) is dead. Command-line runs are nodes
 * too while they run (their imports publish events they process themselves). Started first and
 * stopped last of the hub's lifecycle beans, so the row exists while any listener may run. At a
 * normal stop it waits for the running listeners (up to {@code haetae.listener-shutdown-wait-seconds})
 * while the database is still there, then hands over what is left and leaves.
 */
@Component
class Nodes implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Nodes.class);

  private final JdbcClient jdbc;
  private final PublicationTracker tracker;
  private volatile String id;
  private final Instant startedAt;
  private final Duration heartbeat;
  private final Duration timeout;
  private final ThreadPoolTaskExecutor listeners;
  private final int listenerWaitSeconds;
  private final ApplicationContext context;
  private ScheduledExecutorService timer;
  private volatile boolean running;
  private volatile boolean closing;

  Nodes(JdbcClient jdbc, PublicationTracker tracker, ApplicationContext context,
      @Value("${haetae.cluster.heartbeat:PT10S}") Duration heartbeat,
      @Value("${haetae.cluster.node-timeout:PT1M}") Duration timeout,
      @Qualifier("applicationTaskExecutor") ThreadPoolTaskExecutor listeners,
      @Value("${haetae.listener-shutdown-wait-seconds:30}") int listenerWaitSeconds) {
    this.jdbc = jdbc;
    this.tracker = tracker;
    this.id = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    // The context's refresh began before any bean could publish an event.
    this.startedAt = Instant.ofEpochMilli(context.getStartupDate());
    this.heartbeat = heartbeat;
    this.timeout = timeout;
    this.listeners = listeners;
    this.context = context;
    this.listenerWaitSeconds = listenerWaitSeconds;
  }

  String id() {
    return id;
  }

  /**
   * A hub started again on the same host and port after kill -9 is the same service: the row its
   * killed run left is removed at once, so that the run's unfinished work is taken over at this
   * start ({@link PublicationTakeover#atStart}) instead of after the node timeout. Only a web
   * server that has bound its port does this, and two live processes cannot bind one port; a
   * command-line run has no port and never does. This node's own id then names its port.
   */
  @EventListener(WebServerInitializedEvent.class)
  void bound(WebServerInitializedEvent event) {
    if (event.getApplicationContext() != context || event.getWebServer().getPort() <= 0) return;
    String service = host() + ":" + event.getWebServer().getPort() + "/";
    String named = service + id.substring(id.indexOf('/') + 1);
    jdbc.sql("UPDATE cluster_node SET id = :named WHERE id = :id").param("named", named).param("id", id).update();
    id = named;
    int earlier = jdbc.sql("DELETE FROM cluster_node WHERE LEFT(id, :n) = :service AND id <> :id")
        .param("n", service.length()).param("service", service).param("id", id).update();
    if (earlier > 0) log.atInfo().addKeyValue("node", id).addKeyValue("earlierRuns", earlier)
        .log("an earlier run on this host and port left without stopping; its work is taken over now");
  }

  /** Nodes seen within the timeout are alive; this is the earliest moment that counts as seen. */
  OffsetDateTime aliveSince() {
    return OffsetDateTime.now(ZoneOffset.UTC).minus(timeout);
  }

  /** Told apart from a pause (a test framework stops and restarts cached contexts): only a close hands over. */
  @EventListener(ContextClosedEvent.class)
  void closing(ContextClosedEvent event) {
    if (event.getApplicationContext() == context) closing = true;
  }

  @Override
  public void start() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int seen = jdbc.sql("UPDATE cluster_node SET seen_at = :now WHERE id = :id").param("now", now).param("id", id).update();
    if (seen == 0) {
      jdbc.sql("INSERT INTO cluster_node (id, started_at, seen_at) VALUES (:id, :started, :now)")
          .param("id", id).param("started", OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC)).param("now", now).update();
    }
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cluster-heartbeat").factory());
    timer.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    running = true;
    log.atInfo().addKeyValue("node", id).log("cluster node started");
  }

  private void beat() {
    try {
      int seen = jdbc.sql("UPDATE cluster_node SET seen_at = :now WHERE id = :id")
          .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("id", id).update();
      if (seen == 0) {
        // Declared dead while paused (a long GC, a lost connection): come back as a new start, so
        // that what was taken over is not also counted as ours.
        jdbc.sql("INSERT INTO cluster_node (id, started_at, seen_at) VALUES (:id, :now, :now)")
            .param("id", id).param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
      }
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("node", id).addKeyValue("cause", e.getMessage()).log("cluster heartbeat failed; retried");
    }
  }

  /** A normal stop: work queued here and not begun is handed to the other nodes at once. */
  @Override
  public void stop() {
    running = false;
    if (timer != null) timer.shutdownNow();
    if (!closing) return;
    awaitListeners();
    try {
      int handed = tracker.handOver();
      jdbc.sql("DELETE FROM cluster_node WHERE id = :id").param("id", id).update();
      log.atInfo().addKeyValue("node", id).addKeyValue("handedOver", handed).log("cluster node stopped");
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("node", id).addKeyValue("cause", e.getMessage()).log("cluster node not deregistered; it times out");
    }
  }

  /**
   * Running listeners finish while the database pool is still open (queued ones were dropped by
   * the pool's own stop and are handed over below). The pool is not shut down here: it is its own.
   */
  private void awaitListeners() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, listenerWaitSeconds));
    try {
      while (listeners.getActiveCount() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException notStarted) {
      // The pool never started: nothing runs.
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Lowest phase: started before and stopped after every other lifecycle bean (the listener pool). */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 100;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }
}
