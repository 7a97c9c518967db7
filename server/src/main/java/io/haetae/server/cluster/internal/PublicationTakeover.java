package io.haetae.server.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
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
 *   <li>FAILED publications are resubmitted, each on the node that claimed it.
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

  private final JdbcClient jdbc;
  private final Nodes nodes;
  private final FailedEventPublications failed;
  private final LockingTaskExecutor locks;
  private final Duration takeoverAfter;
  private final boolean atStart;

  PublicationTakeover(JdbcClient jdbc, Nodes nodes, FailedEventPublications failed, LockingTaskExecutor locks,
      @Value("${haetae.cluster.takeover-after:PT15M}") Duration takeoverAfter,
      @Value("${haetae.scheduling:true}") boolean serving,
      @Value("${haetae.cluster.takeover-at-start:true}") boolean takeoverAtStart) {
    this.jdbc = jdbc;
    this.nodes = nodes;
    this.failed = failed;
    this.locks = locks;
    this.takeoverAfter = takeoverAfter;
    this.atStart = serving && takeoverAtStart;
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
    failed.resubmit(ResubmissionOptions.defaults().withBatchSize(500).withMinAge(Duration.ZERO));
    return taken;
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
