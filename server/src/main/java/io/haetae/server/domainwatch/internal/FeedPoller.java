package io.haetae.server.domainwatch.internal;

import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.domainwatch.ObservedSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls an observed-domain feed (a newly-registered-domain list, its gzip, or a CT log's
 * get-entries page) like the advisory feeds: off by default ({@code haetae.domainwatch.feed.enabled}),
 * conditional GET with the last ETag so an unchanged feed costs one request.
 */
@Component
class FeedPoller {

  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

  private final DomainWatch watch;
  private final boolean enabled;
  private final String url;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30)).build();
  private volatile String etag;

  FeedPoller(DomainWatch watch, @Value("${haetae.domainwatch.feed.enabled:false}") boolean enabled,
      @Value("${haetae.domainwatch.feed.url:}") String url) {
    this.watch = watch;
    this.enabled = enabled;
    this.url = url;
  }

  @Scheduled(initialDelayString = "${haetae.domainwatch.feed.interval:PT1H}", fixedDelayString = "${haetae.domainwatch.feed.interval:PT1H}")
  void scheduled() {
    if (!enabled || url.isBlank()) return;
    try {
      poll(URI.create(url));
    } catch (IOException | RuntimeException e) {
      log.atWarn().addKeyValue("feed", url).addKeyValue("cause", e.getMessage()).log("domain feed poll failed; retried next run");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One poll; empty when the feed is unchanged since the last one. */
  Optional<ObservedSummary> poll(URI feed) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(feed).timeout(Duration.ofMinutes(10)).GET();
    if (etag != null) request.header("If-None-Match", etag);
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304) return Optional.empty();
      if (response.statusCode() != 200) throw new IOException(feed + " answered " + response.statusCode());
      var summary = watch.observe(body, "feed " + feed.getPath());
      etag = response.headers().firstValue("ETag").orElse(null);
      log.atInfo().addKeyValue("feed", feed).addKeyValue("names", summary.names()).addKeyValue("newMatches", summary.newMatches())
          .log("domain feed polled");
      return Optional.of(summary);
    }
  }
}
