package io.haetae.server.knowledge.internal;

import static io.haetae.server.support.Fixtures.bytes;
import static io.haetae.server.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.haetae.server.knowledge.AdvisoryImporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Feed sync against a real HTTP server the test starts, serving the KEV catalogue the way
 * cisa.gov does: with an ETag, answering If-None-Match with 304 and Range + If-Range with 206.
 */
@SpringBootTest
@ActiveProfiles("test")
class FeedSyncTest {

  static final String ETAG = "\"kev-2025.08.25\"";
  static final byte[] CATALOGUE = bytes("fixtures/feeds/kev-excerpt.json");

  @Autowired AdvisoryImporter importer;
  @Autowired FeedStateRepository states;
  @TempDir Path downloads;

  HttpServer server;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  FeedSync sync;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feeds/known_exploited_vulnerabilities.json", this::serve);
    server.start();
    sync = new FeedSync(importer, states, HttpClient.newHttpClient(), downloads);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theSecondPullOfAnUnchangedFeedGets304AndImportsNothing() throws Exception {
    var feed = feed();
    var first = sync.pull(feed);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.summary().read()).isEqualTo(3);
    assertThat(first.summary().clean()).isTrue();

    var second = sync.pull(feed);
    assertThat(second.status()).isEqualTo(304);
    assertThat(second.summary()).isNull();
    assertThat(requests).containsExactly("GET -", "GET If-None-Match=" + ETAG);
    assertThat(downloads).isEmptyDirectory();
  }

  @Test
  void anInterruptedDownloadResumesWithARangeRequestAndImportsOnce() throws Exception {
    var feed = feed();
    // A previous pull got the first 100 bytes of this version, then the connection dropped.
    states.save(new FeedStateRepository.FeedState(feed.name(), feed.url().toString(), null, null, ETAG), false, "downloading");
    Files.write(downloads.resolve(feed.name() + ".part"), Arrays.copyOf(CATALOGUE, 100));

    var resumed = sync.pull(feed);

    assertThat(resumed.status()).isEqualTo(206);
    assertThat(requests).containsExactly("GET Range=bytes=100- If-Range=" + ETAG);
    assertThat(resumed.summary().rejected()).isEmpty();
    assertThat(resumed.summary().read()).isEqualTo(3);
    assertThat(sync.pull(feed).status()).isEqualTo(304);
  }

  @Test
  void aUrlNoReaderCanTakeIsRefusedBeforeAnythingIsDownloaded() {
    // The NVD API answers under /cves/2.0: a page, not a file the nvd reader recognises.
    var api = new FeedSync.Feed(unique("nvd"), "nvd",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rest/json/cves/2.0"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.pull(api))
        .hasMessageContaining("/rest/json/cves/2.0").hasMessageContaining("known suffix");
    assertThat(requests).isEmpty();
  }

  private FeedSync.Feed feed() {
    return new FeedSync.Feed(unique("kev"), "kev",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/known_exploited_vulnerabilities.json"));
  }

  private void serve(HttpExchange exchange) throws IOException {
    var h = exchange.getRequestHeaders();
    var range = h.getFirst("Range");
    var ifRange = h.getFirst("If-Range");
    var ifNoneMatch = h.getFirst("If-None-Match");
    requests.add("GET " + (range != null ? "Range=" + range + " If-Range=" + ifRange
        : ifNoneMatch != null ? "If-None-Match=" + ifNoneMatch : "-"));
    exchange.getResponseHeaders().add("ETag", ETAG);
    if (ETAG.equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
    } else if (range != null && ETAG.equals(ifRange)) {
      int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (CATALOGUE.length - 1) + "/" + CATALOGUE.length);
      exchange.sendResponseHeaders(206, CATALOGUE.length - from);
      exchange.getResponseBody().write(CATALOGUE, from, CATALOGUE.length - from);
    } else {
      exchange.sendResponseHeaders(200, CATALOGUE.length);
      exchange.getResponseBody().write(CATALOGUE);
    }
    exchange.close();
  }
}
