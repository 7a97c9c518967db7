package io.haetae.server.cluster.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which event publications this node holds: those it published (its listeners run here after
 * the commit) and those it resubmitted, until their listener finishes. Spring Modulith's registry
 * knows them only in memory; the tracker sees them pass through the registry's repository
 * (wrapped, every call delegated) so that a normal stop can hand what is left to the other nodes
 * at once, as FAILED publications any node resubmits, instead of waiting for them to go stale:
 * those queued and not begun, and those whose listener began but never recorded its outcome (it
 * was cut off by the stop). A publication whose state change could not be written, or whose
 * commit's answer was lost (the database connection was cut at that moment), would stay open
 * with no node holding it until the takeover timeout: PUBLISHED when the transaction that stored
 * it was reported failed (its listeners run only after a commit reported as done), PROCESSING
 * when the registry's own transaction for the start or the outcome was. The tracker keeps such
 * publications as unrecorded and the redelivery job marks them FAILED on its next run ({@link
 * #recordUnrecorded}; open rows only), so they are retried within one redelivery interval.
 */
@Configuration(proxyBeanMethods = false)
class PublicationTracker {

  // Entries expire in case a listener never reports back (the node is stopping).
  private final Cache<UUID, Boolean> queued = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(6)).maximumSize(1_000_000).build();
  private final Cache<UUID, Boolean> begun = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(6)).maximumSize(1_000_000).build();
  private final Cache<UUID, Boolean> unrecorded = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(6)).maximumSize(1_000_000).build();
  private final JdbcClient jdbc;

  PublicationTracker(@Lazy JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Bean
  static BeanPostProcessor trackEventPublications(@Lazy PublicationTracker tracker) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
        return bean instanceof EventPublicationRepository repository && !(bean instanceof Tracking)
            ? new Tracking(repository, tracker) : bean;
      }
    };
  }

  void queued(UUID id) {
    queued.put(id, Boolean.TRUE);
  }

  void begun(UUID id) {
    queued.invalidate(id);
    begun.put(id, Boolean.TRUE);
  }

  void finished(UUID id) {
    queued.invalidate(id);
    begun.invalidate(id);
  }

  /** The registry could not write this publication's state: the database was unreachable. */
  void unrecorded(UUID id) {
    queued.invalidate(id);
    begun.invalidate(id);
    unrecorded.put(id, Boolean.TRUE);
  }

  /**
   * Marks FAILED, for resubmission, the publications whose outcome could not be written, unless
   * another run completed them meanwhile; returns how many. Those stay kept while the database
   * is still unreachable (the update throws) and are tried again at the next run.
   */
  int recordUnrecorded() {
    List<UUID> ids = List.copyOf(unrecorded.asMap().keySet());
    if (ids.isEmpty()) return 0;
    int marked = markFailed(ids);
    unrecorded.invalidateAll(ids);
    return marked;
  }

  /**
   * At a normal stop, once the listeners have finished: marks FAILED what this node still holds
   * and nobody completed; returns how many.
   */
  int handOver() {
    List<UUID> ids = new ArrayList<>(queued.asMap().keySet());
    ids.addAll(begun.asMap().keySet());
    ids.addAll(unrecorded.asMap().keySet());
    queued.invalidateAll();
    begun.invalidateAll();
    unrecorded.invalidateAll();
    return markFailed(ids);
  }

  private int markFailed(List<UUID> ids) {
    int handed = 0;
    for (int from = 0; from < ids.size(); from += 500) {
      handed += jdbc.sql("""
          UPDATE event_publication SET status = 'FAILED'
          WHERE id IN (:ids) AND completion_date IS NULL AND status IN ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')""")
          .param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).update();
    }
    return handed;
  }

  /** The registry's repository, telling the tracker what passes through it. */
  static final class Tracking implements EventPublicationRepository {
    private final EventPublicationRepository delegate;
    private final PublicationTracker tracker;

    Tracking(EventPublicationRepository delegate, PublicationTracker tracker) {
      this.delegate = delegate;
      this.tracker = tracker;
    }

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
      TargetEventPublication created = delegate.create(publication);
      UUID id = created.getIdentifier();
      tracker.queued(id);
      // Listeners run only after a commit reported as done. A commit whose answer was lost stored
      // the publication all the same, and nobody would run it: a rolled-back one has no row to mark.
      whenEnded(id, () -> {});
      return created;
    }

    @Override
    public boolean markResubmitted(UUID id, Instant at) {
      boolean claimed = delegate.markResubmitted(id, at);
      if (claimed) tracker.queued(id);
      return claimed;
    }

    @Override
    public void markProcessing(UUID id) {
      tracker.begun(id);
      recording(id, () -> delegate.markProcessing(id), () -> {});
    }

    @Override
    public void markCompleted(TargetEventPublication publication, Instant at) {
      UUID id = publication.getIdentifier();
      recording(id, () -> delegate.markCompleted(publication, at), () -> tracker.finished(id));
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant at) {
      delegate.markCompleted(event, identifier, at);
    }

    @Override
    public void markCompleted(UUID id, Instant at) {
      recording(id, () -> delegate.markCompleted(id, at), () -> tracker.finished(id));
    }

    @Override
    public void markFailed(UUID id) {
      recording(id, () -> delegate.markFailed(id), () -> tracker.finished(id));
    }

    /**
     * Runs a state change; if the database refuses it, the publication is kept as unrecorded. The
     * registry makes each change in a transaction of its own, so the statement succeeding is not
     * enough: a connection cut at the commit leaves the row as it was (or, cut just after the
     * commit, changed while the registry believes it failed and never runs the listener). Either
     * way the change is known only once that transaction ends.
     */
    private void recording(UUID id, Runnable change, Runnable recorded) {
      try {
        change.run();
      } catch (RuntimeException e) {
        tracker.unrecorded(id);
        throw e;
      }
      whenEnded(id, recorded);
    }

    /** Once the current transaction (if any) ends: committed runs {@code recorded}, anything else leaves the id unrecorded. */
    private void whenEnded(UUID id, Runnable recorded) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        recorded.run();
        return;
      }
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status == STATUS_COMMITTED) recorded.run();
          else tracker.unrecorded(id);
        }
      });
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
      return delegate.findIncompletePublications();
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
      return delegate.findIncompletePublicationsPublishedBefore(instant);
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
        PublicationTargetIdentifier identifier) {
      return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, identifier);
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
      return delegate.findCompletedPublications();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
      delegate.deletePublications(identifiers);
    }

    @Override
    public void deleteCompletedPublications() {
      delegate.deleteCompletedPublications();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
      delegate.deleteCompletedPublicationsBefore(instant);
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
      return delegate.findFailedPublications(criteria);
    }

    @Override
    public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
      return delegate.findByStatus(status);
    }

    @Override
    public int countByStatus(EventPublication.Status status) {
      return delegate.countByStatus(status);
    }
  }
}
