package io.haetae.server.alert.internal;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries event publications that failed (an SMTP server that was down, say) while the hub
 * keeps running; those left at a crash are republished on restart.
 */
@Component
class Redelivery {

  private final IncompleteEventPublications incomplete;

  Redelivery(IncompleteEventPublications incomplete) {
    this.incomplete = incomplete;
  }

  @Scheduled(fixedDelayString = "${haetae.redelivery.interval:PT1M}", initialDelayString = "${haetae.redelivery.interval:PT1M}")
  void retry() {
    incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
  }
}
