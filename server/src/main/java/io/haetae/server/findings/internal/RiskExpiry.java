package io.haetae.server.findings.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingState;
import io.haetae.server.findings.IllegalFindingMove;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An accepted risk is accepted until a day: after it, the finding is NEW again (docs/findings.md),
 * with a fresh look due. Checked every {@code haetae.findings.expiry-check} (default hourly).
 */
@Component
class RiskExpiry {

  private static final Logger log = LoggerFactory.getLogger(RiskExpiry.class);

  private final FindingRepository findings;
  private final StateChanges changes;
  private final Deadlines deadlines;

  RiskExpiry(FindingRepository findings, StateChanges changes, Deadlines deadlines) {
    this.findings = findings;
    this.changes = changes;
    this.deadlines = deadlines;
  }

  @Scheduled(initialDelayString = "${haetae.findings.expiry-check:PT1H}", fixedDelayString = "${haetae.findings.expiry-check:PT1H}")
  @SchedulerLock(name = "findings-risk-expiry", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
  void scheduled() {
    reopenExpired(deadlines.policy().today());
  }

  /** Reopens every risk acceptance that expired before {@code today}; returns how many. */
  int reopenExpired(LocalDate today) {
    int reopened = 0;
    for (Finding f : findings.expiredAcceptances(today)) {
      try {
        changes.move(f, FindingState.NEW, Finding.Assessment.NONE, StateChanges.SYSTEM,
            "risk acceptance expired on " + f.assessment().riskExpires());
        reopened++;
      } catch (IllegalFindingMove raced) {
        // Someone moved it meanwhile; nothing to reopen.
      }
    }
    if (reopened > 0) log.atInfo().addKeyValue("reopened", reopened).log("expired risk acceptances reopened");
    return reopened;
  }
}
