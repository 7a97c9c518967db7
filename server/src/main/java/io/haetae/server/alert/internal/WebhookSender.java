package io.haetae.server.alert.internal;

import com.standardwebhooks.Webhook;
import io.haetae.server.alert.internal.WebhookRecords.Message;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued webhook messages: claims due ones for a lease, POSTs each signed as Standard
 * Webhooks says ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}),
 * records every attempt, and backs off on 5xx, 408, 429, timeouts and connection errors along
 * {@code haetae.webhooks.retry-schedule} (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: over 27 hours
 * in all, the schedule Svix and the specification's authors use). Other 4xx fail at once; 410
 * Gone also disables the endpoint. Redirects are not followed. A message survives restarts: if
 * the hub dies during an attempt, the lease runs out and the message is tried again, same id.
 */
@Component
class WebhookSender {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final WebhookRepository repository;
  private final WebhookTargets targets;
  private final TransactionTemplate transactions;
  private final List<Duration> schedule;
  private final Duration timeout;
  private final int threads;
  private final HttpClient http;
  private final ExecutorService coordinator;
  private final ExecutorService pool;
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean again;
  private volatile boolean stopping;

  WebhookSender(WebhookRepository repository, WebhookTargets targets, PlatformTransactionManager transactions,
      @Value("${haetae.webhooks.retry-schedule:PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H}") List<Duration> schedule,
      @Value("${haetae.webhooks.timeout:PT10S}") Duration timeout, @Value("${haetae.webhooks.senders:4}") int threads) {
    this.repository = repository;
    this.targets = targets;
    this.transactions = new TransactionTemplate(transactions);
    this.schedule = List.copyOf(schedule);
    this.timeout = timeout;
    this.threads = Math.max(0, threads);
    this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    this.coordinator = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("webhook-claim").daemon().factory());
    this.pool = Executors.newFixedThreadPool(Math.max(1, this.threads), Thread.ofPlatform().name("webhook-sender-", 0).factory());
  }

  /** Sends what is due now, in the background; a call while sending makes the sender look again. */
  void wake() {
    if (stopping || threads == 0) return;
    again = true;
    if (draining.compareAndSet(false, true)) coordinator.execute(this::drain);
  }

  /** Retries that became due, and work left by a stop or by another node. */
  @Scheduled(initialDelayString = "${haetae.webhooks.poll:PT2S}", fixedDelayString = "${haetae.webhooks.poll:PT2S}")
  void poll() {
    wake();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    coordinator.shutdown();
    pool.shutdown();
    if (!pool.awaitTermination(15, TimeUnit.SECONDS)) pool.shutdownNow();
  }

  private void drain() {
    try {
      while (!stopping && again) {
        again = false;
        List<Message> batch;
        while (!stopping && !(batch = claim()).isEmpty()) {
          again = false;
          var calls = new ArrayList<Callable<Void>>();
          for (Message m : batch) calls.add(() -> {
            deliver(m);
            return null;
          });
          pool.invokeAll(calls);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("cause", e.toString()).log("webhook sender stopped; the next poll resumes");
    } finally {
      draining.set(false);
    }
  }

  private List<Message> claim() {
    Instant now = Instant.now();
    return transactions.execute(s -> repository.claim(now, now.plus(LEASE), 4 * Math.max(1, threads)));
  }

  void deliver(Message m) {
    int attempt = m.attempts() + 1;
    Instant at = Instant.now();
    if (!m.enabled()) {
      finish(m, attempt, at, null, "endpoint disabled", 0, "CANCELLED", null);
      return;
    }
    URI uri = URI.create(m.url());
    long start = System.nanoTime();
    Integer status = null;
    String error = null;
    boolean retry;
    try {
      targets.check(uri);
      status = post(uri, m, at);
      retry = status >= 500 || status == 408 || status == 429;
      if (!retry && (status < 200 || status >= 300)) error = "HTTP " + status + ": not retried";
    } catch (WebhookTargets.Refused e) {
      error = "refused: the URL " + e.getMessage();
      retry = false;
    } catch (HttpTimeoutException e) {
      error = "timed out after " + timeout.toSeconds() + " s";
      retry = true;
    } catch (IOException e) {
      error = "connection failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      retry = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // the lease runs out and the message is tried again
    }
    int ms = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    boolean delivered = status != null && status >= 200 && status < 300;
    Instant next = retry && attempt <= schedule.size() ? at.plus(schedule.get(attempt - 1)) : null;
    String state = delivered ? "DELIVERED" : next != null ? "PENDING" : "FAILED";
    if (retry && next == null) error = (error == null ? "HTTP " + status : error) + "; retries exhausted";
    finish(m, attempt, at, status, error, ms, state, next);
    if (status != null && status == 410) {
      transactions.executeWithoutResult(s -> repository.disable(m.webhookId(), "the receiver answered 410 Gone at " + at));
    }
  }

  private int post(URI uri, WebhookRecords.Message m, Instant at) throws IOException, InterruptedException {
    long timestamp = at.getEpochSecond();
    String signature;
    try {
      signature = new Webhook(m.secret()).sign(m.id(), timestamp, m.payload());
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign webhook message " + m.id(), e);
    }
    var request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("content-type", "application/json")
        .header("user-agent", "Haetae-Webhooks/1")
        .header("webhook-id", m.id())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(m.payload())).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private void finish(Message m, int attempt, Instant at, Integer status, String error, int ms, String state, Instant next) {
    transactions.executeWithoutResult(s -> repository.record(m, attempt, at, status, error, ms, state, next));
    log.atInfo().addKeyValue("message", m.id()).addKeyValue("attempt", attempt).addKeyValue("status", status)
        .addKeyValue("state", state).log("webhook attempt");
  }
}
