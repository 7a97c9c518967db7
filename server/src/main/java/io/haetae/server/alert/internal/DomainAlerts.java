package io.haetae.server.alert.internal;

import io.haetae.server.web.TemplatedMail;
import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.WebhookRecords.EventType;
import io.haetae.server.domainwatch.DomainMatchFound;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import jakarta.mail.MessagingException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Look-alike domains (domainwatch) reach the protecting organisation through the alert channels:
 * each new match is queued once (its id is the key, so a redelivered event queues nothing) and
 * sent at once to the organisation's webhooks ({@code domain.match_found}); every
 * {@code haetae.domainwatch.digest-interval} one digest mail per organisation lists what was found
 * since the last one, in its language, to the recipients its alert settings name for HIGH (an
 * impersonation of the organisation is at least that). A crash after the SMTP server took the
 * mail and before it was recorded resends it with the same Message-ID, which mail clients drop.
 */
@Component
class DomainAlerts {

  private static final Logger log = LoggerFactory.getLogger(DomainAlerts.class);
  /** A digest lists at most this many matches; a larger wave goes out in several. */
  static final int DIGEST_SIZE = 200;

  /** One look-alike as the digest shows it. */
  record Match(UUID id, UUID orgId, String domain, String protectedName, String technique, int score, Instant foundAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Webhooks webhooks;
  private final Alerts alerts;
  private final OrganisationService organisations;
  private final AlertMail mailText;
  private final JavaMailSender mail;
  private final String from;
  private final String baseUrl;

  DomainAlerts(JdbcClient jdbc, TransactionTemplate tx, Webhooks webhooks, Alerts alerts, OrganisationService organisations,
      AlertMail mailText, JavaMailSender mail, @Value("${haetae.mail.from}") String from,
      @Value("${haetae.base-url}") String baseUrl) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.webhooks = webhooks;
    this.alerts = alerts;
    this.organisations = organisations;
    this.mailText = mailText;
    this.mail = mail;
    this.from = from;
    this.baseUrl = baseUrl;
  }

  @ApplicationModuleListener
  void on(DomainMatchFound e) {
    Instant now = Instant.now();
    int queued = jdbc.sql("""
        INSERT INTO alert_domain_match (match_id, org_id, domain, protected_name, technique, score, found_at)
        VALUES (:id, :org, :domain, :protected, :technique, :score, :at) ON CONFLICT DO NOTHING""")
        .param("id", e.matchId()).param("org", e.orgId()).param("domain", e.domain()).param("protected", e.protectedName())
        .param("technique", e.technique()).param("score", e.score()).param("at", Timestamp.from(now)).update();
    if (queued == 0) return;
    var data = new LinkedHashMap<String, Object>();
    data.put("organisation", e.orgId().toString());
    data.put("match", e.matchId().toString());
    data.put("domain", e.domain());
    data.put("protected", e.protectedName());
    data.put("technique", e.technique());
    data.put("score", e.score());
    data.put("url", baseUrl + "/domains");
    webhooks.enqueue(e.orgId(), EventType.DOMAIN_MATCH_FOUND, e.matchId().toString(), null, now, data);
  }

  @Scheduled(fixedDelayString = "${haetae.domainwatch.digest-interval:PT1M}",
      initialDelayString = "${haetae.domainwatch.digest-interval:PT1M}")
  // One node at a time: two nodes would both mail the same pending matches.
  @SchedulerLock(name = "alert-domain-digest", lockAtMostFor = "PT30M")
  void sendDigests() {
    List<UUID> orgs = jdbc.sql("SELECT DISTINCT org_id FROM alert_domain_match WHERE mailed_at IS NULL").query(UUID.class).list();
    for (UUID org : orgs) {
      try {
        while (sendDigest(org) == DIGEST_SIZE) {
          // a wave larger than one digest: the next batch at once
        }
      } catch (RuntimeException ex) {
        log.atWarn().addKeyValue("org", org).addKeyValue("cause", ex.getMessage())
            .log("look-alike digest not sent; retried at the next run");
      }
    }
  }

  /** Sends one digest of the organisation's pending matches, oldest first; returns how many it listed. */
  int sendDigest(UUID orgId) {
    List<Match> pending = jdbc.sql("""
        SELECT match_id, org_id, domain, protected_name, technique, score, found_at FROM alert_domain_match
        WHERE org_id = :org AND mailed_at IS NULL ORDER BY found_at, match_id FETCH FIRST %d ROWS ONLY""".formatted(DIGEST_SIZE))
        .param("org", orgId)
        .query((rs, i) -> new Match(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
        .list();
    if (pending.isEmpty()) return 0;
    Organisation org = organisations.find(orgId).orElse(null);
    List<String> to = org == null ? List.of() : alerts.recipients(org, Severity.HIGH);
    // Stable while the batch is: a resend after a crash carries the first send's id.
    String messageId = "<domains." + orgId + "." + pending.getFirst().id() + "." + pending.size() + "@haetae>";
    if (!to.isEmpty()) send(org, to, mailText.renderDomains(org, pending, baseUrl + "/domains"), messageId);
    tx.executeWithoutResult(s -> jdbc.sql("""
        UPDATE alert_domain_match SET mailed_at = :at, message_id = :message, recipients = :to WHERE match_id IN (:ids)""")
        .param("at", Timestamp.from(Instant.now())).param("message", messageId)
        .param("to", String.join(",", to)).param("ids", pending.stream().map(Match::id).toList()).update());
    log.atInfo().addKeyValue("org", orgId).addKeyValue("matches", pending.size()).addKeyValue("recipients", to.size())
        .log("look-alike digest sent");
    return pending.size();
  }

  private void send(Organisation org, List<String> to, TemplatedMail.Rendered rendered, String messageId) {
    try {
      TemplatedMail.send(mail, from, to, rendered, messageId);
    } catch (MessagingException | MailException e) {
      throw new IllegalStateException("could not send the look-alike digest of organisation " + org.id(), e);
    }
  }
}
