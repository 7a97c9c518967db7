package io.haetae.server.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

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
