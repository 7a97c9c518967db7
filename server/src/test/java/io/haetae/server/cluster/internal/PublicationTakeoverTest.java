package io.haetae.server.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which open event publications another node takes over: those no live node can hold (every live
 * node started after the publication was last published or resubmitted) and those held past
 * {@code haetae.cluster.takeover-after}; never one a live node may be working on.
 */
@SpringBootTest
@ActiveProfiles("test")
class PublicationTakeoverTest {

  @Autowired PublicationTakeover takeover;
  @Autowired PublicationTracker tracker;
  @Autowired JdbcClient jdbc;
  @Autowired EventPublicationRepository repository;
  @Autowired DataSource dataSource;

  final String listener = "test.takeover." + UUID.randomUUID();

  @AfterEach
  void removeRows() {
    jdbc.sql("DELETE FROM event_publication WHERE listener_id = :l").param("l", listener).update();
    jdbc.sql("DELETE FROM cluster_node WHERE id LIKE 'test-dead-%'").update();
  }

  @Test
  void aPublicationOfADeadNodeIsTakenOverAndOneALiveNodeMayHoldIsNot() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Published before any node now alive started (this JVM's contexts started later): its owner is gone.
    UUID orphan = publication("PUBLISHED", now.minusDays(2), null);
    // Resubmitted long ago by a node that died; published even earlier.
    UUID resubmittedByTheDead = publication("RESUBMITTED", now.minusDays(3), now.minusDays(2));
    // Published just now: this node, alive and started before, may be processing it.
    UUID live = publication("PROCESSING", now, null);
    UUID done = publication("COMPLETED", now.minusDays(2), null);
    jdbc.sql("UPDATE event_publication SET completion_date = :now WHERE id = :id").param("now", now).param("id", done).update();

    assertThat(takeover.markTakenOver()).isGreaterThanOrEqualTo(2);

    assertThat(status(orphan)).isEqualTo("FAILED");
    assertThat(status(resubmittedByTheDead)).isEqualTo("FAILED");
    assertThat(status(live)).isEqualTo("PROCESSING");
    assertThat(status(done)).isEqualTo("COMPLETED");
  }

  @Test
  void aPublicationHeldPastTheTakeoverTimeIsTakenOverEvenWhileItsNodeLives() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // A node that started three days ago and is still seen: it could hold both publications.
    jdbc.sql("INSERT INTO cluster_node (id, started_at, seen_at) VALUES (:id, :started, :now)")
        .param("id", "test-dead-" + UUID.randomUUID()).param("started", now.minusDays(3)).param("now", now).update();
    UUID stuck = publication("PROCESSING", now.minus(Duration.ofHours(1)), null);
    UUID recent = publication("PUBLISHED", now.minus(Duration.ofMinutes(5)), null);

    takeover.markTakenOver();

    assertThat(status(stuck)).isEqualTo("FAILED");
    assertThat(status(recent)).isEqualTo("PUBLISHED");
  }

  @Test
  void aPublicationWhoseFailureCouldNotBeWrittenIsMarkedFailedAtTheNextRunNotAfterTheTakeoverTime() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    UUID cutOff = publication("PROCESSING", now, null);
    UUID completedMeanwhile = publication("PROCESSING", now, null);
    jdbc.sql("UPDATE event_publication SET status = 'COMPLETED', completion_date = :now WHERE id = :id")
        .param("now", now).param("id", completedMeanwhile).update();
    // The registry's repository as the tracker wraps it, over a database whose connection was just cut.
    var unreachable = (org.springframework.modulith.events.core.EventPublicationRepository) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {org.springframework.modulith.events.core.EventPublicationRepository.class},
        (proxy, method, args) -> {
          throw new org.springframework.dao.DataAccessResourceFailureException("terminating connection due to administrator command");
        });
    var tracking = new PublicationTracker.Tracking(unreachable, tracker);

    for (UUID id : java.util.List.of(cutOff, completedMeanwhile)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracking.markFailed(id))
          .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
    }
    // A live node holds both (it started before them): the takeover would wait 15 minutes.
    takeover.markTakenOver();
    assertThat(status(cutOff)).isEqualTo("PROCESSING");

    assertThat(tracker.recordUnrecorded()).isEqualTo(1);

    assertThat(status(cutOff)).isEqualTo("FAILED");
    assertThat(status(completedMeanwhile)).isEqualTo("COMPLETED");
    assertThat(tracker.recordUnrecorded()).isZero();
  }

  @Test
  void aCompletionWhoseCommitWasCutIsRetriedAtTheNextRun() {
    UUID cutAtCommit = publication("PROCESSING", OffsetDateTime.now(ZoneOffset.UTC), null);

    // The listener ran; the registry's own transaction for its completion fails at the commit.
    assertThatThrownBy(() -> inRegistryTransaction(Commit.CUT_BEFORE, () -> repository.markCompleted(cutAtCommit, Instant.now())))
        .isInstanceOf(TransactionSystemException.class);

    assertThat(status(cutAtCommit)).isEqualTo("PROCESSING");
    takeover.markTakenOver();
    assertThat(status(cutAtCommit)).as("a live node holds it: the takeover alone would wait 15 minutes").isEqualTo("PROCESSING");
    assertThat(tracker.recordUnrecorded()).isEqualTo(1);
    assertThat(status(cutAtCommit)).isEqualTo("FAILED");
  }

  @Test
  void aStartCommittedButReportedAsFailedIsRetriedAtTheNextRun() {
    UUID started = publication("PUBLISHED", OffsetDateTime.now(ZoneOffset.UTC), null);

    // PROCESSING is written, but the connection dies before the commit's answer: the listener never runs.
    assertThatThrownBy(() -> inRegistryTransaction(Commit.CUT_AFTER, () -> repository.markProcessing(started)))
        .isInstanceOf(TransactionSystemException.class);

    assertThat(status(started)).isEqualTo("PROCESSING");
    assertThat(tracker.recordUnrecorded()).isEqualTo(1);
    assertThat(status(started)).isEqualTo("FAILED");
  }

  @Test
  void anEventWhoseCommitAnswerWasLostIsRunAtTheNextRunAndOneRolledBackLeavesNothing() {
    var stored = TargetEventPublication.of("\"stored\"", PublicationTargetIdentifier.of(listener));
    var rolledBack = TargetEventPublication.of("\"rolled back\"", PublicationTargetIdentifier.of(listener));

    // The business transaction that stored the publication committed, but its answer never came:
    // the publisher saw a failure, so no listener runs it here.
    assertThatThrownBy(() -> inRegistryTransaction(Commit.CUT_AFTER, () -> repository.create(stored)))
        .isInstanceOf(TransactionSystemException.class);
    assertThatThrownBy(() -> inRegistryTransaction(Commit.CUT_BEFORE, () -> repository.create(rolledBack)))
        .isInstanceOf(TransactionSystemException.class);

    assertThat(status(stored.getIdentifier())).isEqualTo("PUBLISHED");
    assertThat(tracker.recordUnrecorded()).isEqualTo(1);
    assertThat(status(stored.getIdentifier())).isEqualTo("FAILED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE id = :id").param("id", rolledBack.getIdentifier())
        .query(Long.class).single()).isZero();
  }

  @Test
  void aCompletionThatCommittedIsNotRetried() {
    UUID done = publication("PROCESSING", OffsetDateTime.now(ZoneOffset.UTC), null);

    inRegistryTransaction(Commit.NORMAL, () -> repository.markCompleted(done, Instant.now()));

    assertThat(tracker.recordUnrecorded()).isZero();
    assertThat(status(done)).isEqualTo("COMPLETED");
  }

  enum Commit { NORMAL, CUT_BEFORE, CUT_AFTER }

  /** Runs a change in a transaction of its own (as the registry's state changes run), with the commit cut as told. */
  private void inRegistryTransaction(Commit commit, Runnable change) {
    var manager = new DataSourceTransactionManager(dataSource) {
      @Override
      protected void doCommit(DefaultTransactionStatus status) {
        if (commit == Commit.NORMAL) {
          super.doCommit(status);
          return;
        }
        try {
          var connection = DataSourceUtils.getConnection(dataSource);
          if (commit == Commit.CUT_AFTER) connection.commit();
          else connection.rollback();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        throw new TransactionSystemException("terminating connection due to administrator command");
      }
    };
    var template = new TransactionTemplate(manager);
    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    template.executeWithoutResult(status -> change.run());
  }

  private UUID publication(String status, OffsetDateTime published, OffsetDateTime resubmitted) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
          completion_attempts, last_resubmission_date)
        VALUES (:id, :listener, 'java.lang.String', :event, :published, :status, 0, :resubmitted)""")
        .param("id", id).param("listener", listener).param("event", "\"" + id + "\"").param("published", published)
        .param("status", status).param("resubmitted", resubmitted).update();
    return id;
  }

  private String status(UUID id) {
    return jdbc.sql("SELECT status FROM event_publication WHERE id = :id").param("id", id).query(String.class).single();
  }
}
