package io.haetae.server.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Each event publication is processed by one node, and one a dead node left is taken over.
 *
 * <p>Spring Modulith 2.1's registry keeps a status per publication (PUBLISHED, PROCESSING,
 * COMPLETED, FAILED, RESUBMITTED). The node that publishes an event runs its listeners itself;
 * a failed listener leaves the publication FAILED. Resubmission ({@link FailedEventPublications})
 * takes FAILED publications only and claims each with a conditional UPDATE (to RESUBMITTED), so
 * a publication another node is working on (PUBLISHED, PROCESSING, RESUBMITTED) is never taken.
 * This job runs on one node at a time (ShedLock), every {@code haetae.redelivery.interval}:
 * <ol>
 *   <li>a publication whose owner is certainly dead is marked FAILED: it is open, not FAILED, and
 *       no live node had started when it was last published or resubmitted (so none can hold it:
 *       the owner is the node that published or resubmitted it, and that node is gone);
 *   <li>a publication open for longer than {@code haetae.cluster.takeover-after} (15 min) since it
 *       was last published or resubmitted is marked FAILED too, whoever holds it: the owner died
 *       while older nodes live on, or a listener hangs;
 *   <li>FAILED publications are resubmitted, each on the node that claimed it, in batches of 500
 *       while this node's listener queue holds fewer than {@code haetae.redelivery.max-queued}
 *       (5,000): a fan-out to thousands of organisations cut off by kill -9 is resumed at once,
 *       not 500 per interval, and a busy node leaves the rest to the next run, on any node.
 *       Publications this run resubmitted and that failed again wait for the next run.
 * </ol>
 * Modulith's own staleness monitor measures from the first publication date, so a publication
 * retried an hour after it was published would be declared stale again while a node works on it;
 * this job measures from the last resubmission. The listeners are idempotent (alert ids from the
 * analysis and organisation, findings inserted ON CONFLICT DO NOTHING), so the rare second run
 * of case 2 changes nothing; docs/operations.md states the guarantee.
 */
@Component
class PublicationTakeover {

  private static final Logger log = LoggerFactory.getLogger(PublicationTakeover.class);
  static final String LOCK = "event-publications";
  private static final int BATCH = 500;

  private final JdbcClient jdbc;
  private final Nodes nodes;
  private final PublicationTracker tracker;
  private final FailedEventPublications failed;
  private final LockingTaskExecutor locks;
  private final Duration takeoverAfter;
  private final boolean atStart;
  private final ThreadPoolTaskExecutor listeners;
  private final int maxQueued;

  PublicationTakeover(JdbcClient jdbc, Nodes nodes, PublicationTracker tracker, FailedEventPublications failed, LockingTaskExecutor locks,
      @Value("${haetae.cluster.takeover-after:PT15M}") Duration takeoverAfter,
      @Value("${haetae.scheduling:true}") boolean serving,
      @Value("${haetae.cluster.takeover-at-start:true}") boolean takeoverAtStart,
      @Qualifier("applicationTaskExecutor") ThreadPoolTaskExecutor listeners,
      @Value("${haetae.redelivery.max-queued:5000}") int maxQueued) {
    this.jdbc = jdbc;
    this.nodes = nodes;
    this.tracker = tracker;
    this.failed = failed;
    this.locks = locks;
    this.takeoverAfter = takeoverAfter;
    this.atStart = serving && takeoverAtStart;
    this.listeners = listeners;
    this.maxQueued = maxQueued;
  }

  /**
   * At start, work the previous run of this node left (kill -9) is taken over at once. The test
   * suite turns this off: its many application contexts share one database in one JVM, and each
   * starting context would rerun every publication the others had left failed on purpose.
   */
  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    if (atStart) runOnce();
  }

  @Scheduled(fixedDelayString = "${haetae.redelivery.interval:PT1M}", initialDelayString = "${haetae.redelivery.interval:PT1M}")
  void scheduled() {
    // On every node, outside the lock: only this node knows which of its publications' outcomes were lost.
    try {
      int lost = tracker.recordUnrecorded();
      if (lost > 0) log.atInfo().addKeyValue("publications", lost).log("event publications whose outcome was not recorded are retried");
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("cause", e.getMessage()).log("database unreachable; unrecorded event publications are kept for the next run");
      return;
    }
    runOnce();
  }

  /**
   * Under the lock, released as soon as the run ends: a second run right after changes nothing
   * (every claim is a conditional UPDATE), and a node starting just after another must not skip
   * the takeover of what its own previous run left.
   */
  void runOnce() {
    locks.executeWithLock((Runnable) this::takeOverAndResubmit,
        new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(5), Duration.ZERO));
  }

  /** The job's body; call it only under the lock. Returns the publications taken over. */
  int takeOverAndResubmit() {
    int taken = markTakenOver();
    if (taken > 0) log.atInfo().addKeyValue("publications", taken).log("event publications of dead or stuck nodes taken over");
    resubmitFailed();
    return taken;
  }

  /** Step 3: batches of 500 until none is left or this node has enough queued; returns how many were claimed. */
  int resubmitFailed() {
    Instant runStart = Instant.now();
    var options = ResubmissionOptions.defaults().withBatchSize(BATCH).withMinAge(Duration.ZERO)
        .withFilter(p -> p.getLastResubmissionDate() == null || p.getLastResubmissionDate().isBefore(runStart));
    int claimed = 0;
    long waiting = waitingFailed(runStart);
    while (waiting > 0 && queued() < maxQueued) {
      failed.resubmit(options);
      long left = waitingFailed(runStart);
      if (left >= waiting) break; // what is left was filtered out or claimed by nobody: the next run
      claimed += (int) (waiting - left);
      waiting = left;
    }
    if (claimed > BATCH) log.atInfo().addKeyValue("publications", claimed).log("failed event publications resubmitted");
    return claimed;
  }

  private long waitingFailed(Instant runStart) {
    return jdbc.sql("""
        SELECT COUNT(*) FROM event_publication WHERE status = 'FAILED' AND completion_date IS NULL
          AND (last_resubmission_date IS NULL OR last_resubmission_date < :runStart)""")
        .param("runStart", OffsetDateTime.ofInstant(runStart, ZoneOffset.UTC)).query(Long.class).single();
  }

  private int queued() {
    try {
      return listeners.getThreadPoolExecutor().getQueue().size();
    } catch (IllegalStateException notStarted) {
      return 0;
    }
  }

  /** Steps 1 and 2: open publications no live node can hold, or held too long, become FAILED. */
  int markTakenOver() {
    return jdbc.sql("""
        UPDATE event_publication SET status = 'FAILED'
        WHERE completion_date IS NULL AND status IN ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
          AND (COALESCE(last_resubmission_date, publication_date) < :staleBefore
               OR NOT EXISTS (SELECT 1 FROM cluster_node n WHERE n.seen_at >= :aliveSince
                   AND n.started_at <= COALESCE(event_publication.last_resubmission_date, event_publication.publication_date)))""")
        .param("staleBefore", OffsetDateTime.now(ZoneOffset.UTC).minus(takeoverAfter))
        .param("aliveSince", nodes.aliveSince()).update();
  }
}
