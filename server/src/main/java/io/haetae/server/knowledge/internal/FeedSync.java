package io.haetae.server.knowledge.internal;

import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.ImportSummary;
import io.haetae.server.knowledge.internal.FeedStateRepository.FeedState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one feed file from its public URL and imports it. Conditional requests
 * ({@code If-None-Match}, {@code If-Modified-Since}) make an unchanged feed cost one 304; an
 * interrupted download resumes with a {@code Range} request guarded by {@code If-Range}, so only
 * the same version is continued; imports are idempotent, so a retry after a failure never
 * stores a record twice.
 */
public class FeedSync {

  /** One configured feed: its name (also the state key), format ({@link AdvisoryImporter#FORMATS}) and URL. */
  public record Feed(String name, String format, URI url) {}

  /** What one pull did: {@code summary} is null when the feed had not changed. */
  public record Pull(String feed, int status, ImportSummary summary) {}

  private static final Logger log = LoggerFactory.getLogger(FeedSync.class);

  private final AdvisoryImporter importer;
  private final FeedStateRepository states;
  private final HttpClient http;
  private final Path downloads;

  FeedSync(AdvisoryImporter importer, FeedStateRepository states, HttpClient http, Path downloads) {
    this.importer = importer;
    this.states = states;
    this.http = http;
    this.downloads = downloads;
  }

  public Pull pull(Feed feed) throws IOException, InterruptedException {
    // Before anything is downloaded: a URL no reader can take fails now, not after a 1 GB transfer.
    Path file = downloads.resolve(feed.name() + "-" + fileName(feed.url()));
    Files.createDirectories(downloads);
    var state = states.find(feed.name()).filter(s -> s.url().equals(feed.url().toString()))
        .orElse(new FeedState(feed.name(), feed.url().toString(), null, null, null));
    Path partial = downloads.resolve(feed.name() + ".part");
    long have = state.partialEtag() != null && Files.exists(partial) ? Files.size(partial) : 0;
    var request = HttpRequest.newBuilder(feed.url()).timeout(Duration.ofMinutes(30)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-").header("If-Range", state.partialEtag());
    } else {
      if (state.etag() != null) request.header("If-None-Match", state.etag());
      if (state.lastModified() != null) request.header("If-Modified-Since", state.lastModified());
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    if (status == 304) {
      response.body().close();
      states.save(state, false, "not modified");
      return new Pull(feed.name(), status, null);
    }
    if (status != 200 && status != 206) {
      response.body().close();
      states.save(state, false, "HTTP " + status);
      throw new IOException(feed.name() + ": " + feed.url() + " answered HTTP " + status);
    }
    var etag = response.headers().firstValue("ETag").orElse(null);
    // Remember which version the partial file holds before writing it, so a cut download can resume.
    states.save(new FeedState(feed.name(), state.url(), state.etag(), state.lastModified(), etag), false, "downloading");
    download(response, partial, status == 206);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    try {
      var summary = importer.importFeed(feed.format(), file);
      states.save(new FeedState(feed.name(), state.url(), etag, response.headers().firstValue("Last-Modified").orElse(null), null),
          true, summary.toString());
      log.atInfo().addKeyValue("feed", feed.name()).addKeyValue("summary", summary).log("feed pulled");
      return new Pull(feed.name(), status, summary);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void download(HttpResponse<InputStream> response, Path partial, boolean append) throws IOException {
    try (InputStream in = response.body();
         var out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      in.transferTo(out);
    }
  }

  private static final java.util.regex.Pattern FEED_FILE =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]+\\.(json|jsonl|json\\.gz|jsonl\\.gz|zip|csv|csv\\.gz)");

  /** The URL's last path segment: readers choose by suffix (.json, .csv.gz, .zip, ...). */
  static String fileName(URI url) {
    var path = Optional.ofNullable(url.getPath()).orElse("");
    var name = path.substring(path.lastIndexOf('/') + 1);
    if (!FEED_FILE.matcher(name.toLowerCase(java.util.Locale.ROOT)).matches()) {
      throw new UncheckedIOException(new IOException(url + ": the URL does not end in a file name with a known suffix"));
    }
    return name;
  }
}
