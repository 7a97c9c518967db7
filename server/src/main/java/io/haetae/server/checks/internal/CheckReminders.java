package io.haetae.server.checks.internal;

import io.haetae.server.checks.internal.CheckRecords.Check;
import io.haetae.server.checks.internal.CheckRecords.Member;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.Caller;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds organisations that have not submitted, {@code haetae.checks.remind-before} before the
 * due date (default 3 days and 1 day), each reminder once per organisation: the reminder row is
 * inserted in the same transaction that queues the notice, so two hubs or a restart never send
 * it twice. A check opened late (due tomorrow) sends one reminder, not one per offset.
 */
@Component
class CheckReminders {

  private static final Logger log = LoggerFactory.getLogger(CheckReminders.class);

  private final CheckRepository repository;
  private final Checks checks;
  private final TransactionTemplate transactions;
  private final List<Period> before;

  CheckReminders(CheckRepository repository, Checks checks, PlatformTransactionManager transactions,
      @Value("${haetae.checks.remind-before:P3D,P1D}") List<Period> before) {
    this.repository = repository;
    this.checks = checks;
    this.transactions = new TransactionTemplate(transactions);
    this.before = before.stream().sorted((a, b) -> Integer.compare(b.getDays(), a.getDays())).toList();
  }

  @Scheduled(initialDelayString = "${haetae.checks.reminder-check:PT10M}", fixedDelayString = "${haetae.checks.reminder-check:PT10M}")
  void remind() {
    LocalDate today = Checks.today();
    for (Check summary : repository.dueFrom(today)) {
      try {
        transactions.executeWithoutResult(s -> remind(repository.find(summary.id()).orElseThrow(), today));
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("check", summary.id()).addKeyValue("cause", e.toString()).log("check reminder not sent; tried again");
      }
    }
  }

  private void remind(Check check, LocalDate today) {
    Instant now = Instant.now();
    Set<UUID> claimed = new LinkedHashSet<>();
    for (Period p : before) {
      if (!today.isBefore(check.dueDate().minus(p))) claimed.addAll(repository.claimReminders(check.id(), p.toString(), now));
    }
    if (claimed.isEmpty()) return;
    List<Addressee> to = repository.members(check.id()).stream().filter(m -> claimed.contains(m.orgId()))
        .map((Member m) -> new Addressee(m.orgId(), m.name(), null, m.language(), m.sector())).toList();
    var issuer = new Caller(check.issuerOrg(), check.issuerName(), check.createdBy() + " (reminder)", check.issuerRole(),
        check.issuerSectors());
    checks.invite(issuer, check, to, "checks.mail.remind");
    log.atInfo().addKeyValue("check", check.id()).addKeyValue("organisations", to.size()).log("check reminders queued");
  }
}
