package io.haetae.server.broadcast.internal;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fan-out: a few sender threads, each repeatedly claiming a batch of pending recipient rows
 * ({@code FOR UPDATE SKIP LOCKED}, so two threads or two hubs never take the same row), sending
 * the batch over one SMTP connection and marking the rows in the same transaction.
 *
 * <p>Exactly once: a row is marked SENT only in the transaction that holds its lock while the
 * mail is handed to the SMTP server. If the process dies before that commit, the lock goes with
 * the connection and the row is pending again: it is sent again, with the same Message-ID. The
 * only duplicates are therefore the rows of batches in flight at a crash, and they carry the id
 * of the first copy. A normal stop lets each thread finish its batch first (no duplicates).
 */
@Component
public class SenderPool {

  private static final Logger log = LoggerFactory.getLogger(SenderPool.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final SmtpBatch smtp;
  private final NoticeMail writer;
  private final NoticeLoader loader;
  private final int threads;
  private final int batchSize;
  private final int maxAttempts;
  private final long nanosPerMessage;
  private final ExecutorService pool;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
  private final Map<UUID, NoticeContent> contents = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  SenderPool(JdbcTemplate jdbc, PlatformTransactionManager transactions, SmtpBatch smtp, NoticeMail writer,
      NoticeLoader loader, @Value("${haetae.broadcast.senders:4}") int threads,
      @Value("${haetae.broadcast.batch-size:200}") int batchSize,
      @Value("${haetae.broadcast.max-attempts:12}") int maxAttempts,
      @Value("${haetae.broadcast.rate:0}") int perSecond) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
    this.smtp = smtp;
    this.writer = writer;
    this.loader = loader;
    this.threads = Math.max(0, threads);
    this.batchSize = Math.max(1, batchSize);
    this.maxAttempts = Math.max(1, maxAttempts);
    this.nanosPerMessage = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
    this.pool = Executors.newFixedThreadPool(Math.max(1, this.threads), Thread.ofPlatform().name("broadcast-sender-", 0).factory());
  }

  /** Starts sender threads up to the pool size; each drains pending rows and stops when there are none. */
  public void wake() {
    if (stopping || threads == 0) return;
    while (true) {
      int now = running.get();
      if (now >= threads) return;
      if (running.compareAndSet(now, now + 1)) pool.execute(this::drain);
    }
  }

  /**
   * Rows that became due (a retry, a broadcast written by another hub) and work left at the last stop.
   * Not under a cluster lock, on purpose: every node sends, each claiming its own rows with
   * FOR UPDATE SKIP LOCKED, so the fan-out is shared by the nodes and no row is sent twice.
   */
  @Scheduled(initialDelayString = "${haetae.broadcast.poll:PT2S}", fixedDelayString = "${haetae.broadcast.poll:PT2S}")
  void poll() {
    wake();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      log.warn("broadcast senders did not finish their batch within 30 s; those rows are sent again at the next start");
      pool.shutdownNow();
    }
  }

  private void drain() {
    try {
      while (!stopping) {
        Integer sent = transactions.execute(status -> sendBatch());
        if (sent == null || sent == 0) return;
      }
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("cause", e.toString()).log("broadcast sender stopped; the next poll resumes");
    } finally {
      running.decrementAndGet();
    }
  }

  /** One batch in one transaction: claim, send over one connection, mark. Returns the rows handled. */
  private int sendBatch() {
    Instant now = Instant.now();
    List<Outgoing> batch = jdbc.query("""
        SELECT broadcast_id, org_id, org_name, email, language, attempts FROM broadcast_recipient
        WHERE state = 'PENDING' AND next_attempt_at <= ?
        ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
        (rs, n) -> new Outgoing(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6)),
        Timestamp.from(now), batchSize);
    if (batch.isEmpty()) return 0;
    pace(batch.size());
    Session session = smtp.session();
    var messages = new ArrayList<MimeMessage>(batch.size());
    var sent = new ArrayList<Outgoing>();
    var failed = new ArrayList<Failure>();
    var retry = new ArrayList<Failure>();
    var byMessage = new java.util.IdentityHashMap<MimeMessage, Outgoing>();
    for (Outgoing o : batch) {
      try {
        MimeMessage m = writer.write(session, content(o.broadcast()), o);
        messages.add(m);
        byMessage.put(m, o);
      } catch (jakarta.mail.MessagingException | RuntimeException e) {
        log.atWarn().setCause(e).addKeyValue("broadcast", o.broadcast()).addKeyValue("org", o.org()).log("broadcast mail not written");
        failed.add(new Failure(o, "cannot write the mail: " + e.getMessage()));
      }
    }
    var outcomes = smtp.send(messages);
    for (MimeMessage m : messages) {
      Outgoing o = byMessage.get(m);
      switch (outcomes.get(m)) {
        case SmtpBatch.Outcome.Sent s -> sent.add(o);
        case SmtpBatch.Outcome.Refused r -> failed.add(new Failure(o, r.reason()));
        case SmtpBatch.Outcome.Later l -> {
          if (o.attempts() + 1 >= maxAttempts) failed.add(new Failure(o, l.reason()));
          else retry.add(new Failure(o, l.reason()));
        }
      }
    }
    mark(sent, failed, retry, now);
    log.atInfo().addKeyValue("sent", sent.size()).addKeyValue("failed", failed.size()).addKeyValue("retry", retry.size())
        .log("broadcast batch");
    if (!retry.isEmpty() && sent.isEmpty()) return 0;
    return batch.size();
  }

  private record Failure(Outgoing to, String reason) {}

  private void mark(List<Outgoing> sent, List<Failure> failed, List<Failure> retry, Instant now) {
    Timestamp at = Timestamp.from(now);
    jdbc.batchUpdate("""
        UPDATE broadcast_recipient SET state = 'SENT', sent_at = ?, attempts = attempts + 1, error = NULL
        WHERE broadcast_id = ? AND org_id = ?""", sent, sent.size() + 1, (ps, o) -> {
          ps.setTimestamp(1, at);
          ps.setObject(2, o.broadcast());
          ps.setObject(3, o.org());
        });
    jdbc.batchUpdate("""
        UPDATE broadcast_recipient SET state = 'FAILED', attempts = attempts + 1, error = ?
        WHERE broadcast_id = ? AND org_id = ?""", failed, failed.size() + 1, (ps, f) -> {
          ps.setString(1, clip(f.reason()));
          ps.setObject(2, f.to().broadcast());
          ps.setObject(3, f.to().org());
        });
    jdbc.batchUpdate("""
        UPDATE broadcast_recipient SET attempts = attempts + 1, error = ?, next_attempt_at = ?
        WHERE broadcast_id = ? AND org_id = ?""", retry, retry.size() + 1, (ps, f) -> {
          ps.setString(1, clip(f.reason()));
          ps.setTimestamp(2, Timestamp.from(now.plus(backoff(f.to().attempts() + 1))));
          ps.setObject(3, f.to().broadcast());
          ps.setObject(4, f.to().org());
        });
  }

  /** 30 s, 1 min, 2 min, ... at most an hour: an SMTP relay that is down for a while is waited for. */
  static Duration backoff(int attempts) {
    return Duration.ofSeconds(Math.min(3600, 30L << Math.min(attempts - 1, 7)));
  }

  /** Holds the caller back so that all threads together stay within {@code haetae.broadcast.rate}. */
  private void pace(int messages) {
    if (nanosPerMessage == 0) return;
    long start = nextSlot.getAndAccumulate(messages * nanosPerMessage, (slot, add) -> Math.max(slot, System.nanoTime()) + add);
    long wait = start - System.nanoTime();
    if (wait > 0) LockSupport.parkNanos(wait);
  }

  private NoticeContent content(UUID broadcast) {
    NoticeContent c = contents.get(broadcast);
    if (c != null) return c;
    if (contents.size() > 32) contents.clear();
    c = loader.load(broadcast);
    contents.put(broadcast, c);
    return c;
  }

  private static String clip(String s) {
    if (s == null) return null;
    return s.length() <= 500 ? s : s.substring(0, 500);
  }
}
