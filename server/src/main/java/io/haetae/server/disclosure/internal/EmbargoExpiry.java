package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.EmbargoState;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An ACTIVE embargo ends when its end passes (docs/disclosure.md, "Embargo"): the hub moves it to
 * EXITED, writes the timeline entry (actor: the hub) and the audit entry, and tells every invited
 * organisation by mail ({@link CaseMailer}). One report, one transaction; the move is conditional
 * (still ACTIVE, still ended), so an analyst's move at the same moment, or another node, wins
 * cleanly. Checked every {@code haetae.disclosure.embargo-check} (default five minutes) on one
 * node of the cluster.
 */
@Component
class EmbargoExpiry {

  /** The actor of what the hub does by itself (as alerts write it). */
  static final String HUB = "haetae";
  private static final Logger log = LoggerFactory.getLogger(EmbargoExpiry.class);

  private final CaseRepository cases;
  private final ReportRepository reports;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final ZoneId zone;

  EmbargoExpiry(CaseRepository cases, ReportRepository reports, AuditLog audit, ApplicationEventPublisher events,
      PlatformTransactionManager transactions, @Value("${haetae.disclosure.zone:Asia/Seoul}") ZoneId zone) {
    this.cases = cases;
    this.reports = reports;
    this.audit = audit;
    this.events = events;
    this.transactions = new TransactionTemplate(transactions);
    this.zone = zone;
  }

  @Scheduled(initialDelayString = "${haetae.disclosure.embargo-check:PT5M}", fixedDelayString = "${haetae.disclosure.embargo-check:PT5M}")
  @SchedulerLock(name = "disclosure-embargo-expiry", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
  void scheduled() {
    endExpired(Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  /** Ends every ACTIVE embargo whose end is at or before {@code now}; returns how many. */
  int endExpired(Instant now) {
    int ended = 0;
    for (UUID id : cases.embargoesEndedBy(now)) {
      if (Boolean.TRUE.equals(transactions.execute(tx -> end(id, now)))) ended++;
    }
    if (ended > 0) log.atInfo().addKeyValue("embargoes", ended).log("ended embargoes moved to EXITED");
    return ended;
  }

  private boolean end(UUID id, Instant now) {
    Instant endsAt = cases.find(id).embargoEndsAt();
    if (!cases.exitEnded(id, now)) return false;
    var origin = reports.find(id).map(r -> r.marking().origin()).orElse(null);
    String end = endsAt.atZone(zone).toOffsetDateTime().toString();
    cases.append(id, now, HUB, null, "EMBARGO", EmbargoState.ACTIVE.name(), EmbargoState.EXITED.name(), "embargo ended " + end, end);
    audit.record(new Caller(origin, null, HUB, Role.OPERATOR), "report.embargo", origin,
        "report " + id + " embargo ACTIVE -> EXITED (ended " + endsAt + ")");
    for (var p : cases.participants(id)) events.publishEvent(new EmbargoExpiryToTell(id, p.orgId(), endsAt));
    return true;
  }
}
