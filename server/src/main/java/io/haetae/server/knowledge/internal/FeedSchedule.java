package io.haetae.server.knowledge.internal;

import io.haetae.server.knowledge.AdvisoryImporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Pulls every configured feed on a schedule ({@code haetae.sync.enabled: true}, off by default:
 * air-gapped hubs import files instead). The URLs are configuration (application.yml lists the
 * public ones); a feed that fails is logged and tried again at the next run.
 */
@Configuration
@EnableConfigurationProperties(FeedSchedule.SyncProperties.class)
class FeedSchedule {

  private static final Logger log = LoggerFactory.getLogger(FeedSchedule.class);

  /** {@code haetae.sync}: on/off, the pause between runs, and the feeds by name. */
  @ConfigurationProperties("haetae.sync")
  record SyncProperties(boolean enabled, Duration interval, Map<String, FeedProperties> feeds) {
    SyncProperties {
      feeds = feeds == null ? Map.of() : Map.copyOf(feeds);
    }
  }

  record FeedProperties(String format, URI url) {}

  @Bean
  FeedSync feedSync(AdvisoryImporter importer, FeedStateRepository states, @Value("${haetae.data-dir}") Path dataDir) {
    var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
    return new FeedSync(importer, states, http, dataDir.resolve("feeds"));
  }

  @Bean
  @ConditionalOnProperty(name = "haetae.sync.enabled", havingValue = "true")
  Runner feedRunner(FeedSync sync, SyncProperties properties) {
    return new Runner(sync, properties.feeds().entrySet().stream()
        .map(e -> new FeedSync.Feed(e.getKey(), e.getValue().format(), e.getValue().url())).toList());
  }

  /** The scheduled job; exists only when sync is enabled. */
  static class Runner {
    private final FeedSync sync;
    private final List<FeedSync.Feed> feeds;

    Runner(FeedSync sync, List<FeedSync.Feed> feeds) {
      this.sync = sync;
      this.feeds = feeds;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${haetae.sync.interval:PT6H}")
    // Once in the cluster; a full OSV pull can take an hour, so the lock outlives it. Not final: the lock is a proxy.
    @SchedulerLock(name = "knowledge-feed-sync", lockAtMostFor = "PT4H", lockAtLeastFor = "PT5M")
    void pullAll() {
      for (var feed : feeds) {
        try {
          sync.pull(feed);
        } catch (Exception e) {
          if (e instanceof InterruptedException) Thread.currentThread().interrupt();
          log.atWarn().addKeyValue("feed", feed.name()).addKeyValue("cause", e.getMessage()).log("feed pull failed; retried next run");
        }
      }
    }
  }
}
