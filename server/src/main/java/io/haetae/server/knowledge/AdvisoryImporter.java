package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.feed.CsafReader;
import io.haetae.engine.feed.Cve5Reader;
import io.haetae.engine.feed.EpssScore;
import io.haetae.engine.feed.FeedEntry;
import io.haetae.engine.feed.FeedReader;
import io.haetae.engine.feed.KevEntry;
import io.haetae.engine.feed.NvdReader;
import io.haetae.engine.feed.OsvFeedReader;
import io.haetae.server.identity.Marking;
import io.haetae.server.knowledge.internal.AdvisoryRepository;
import io.haetae.server.knowledge.internal.AdvisoryRepository.SourceRow;
import io.haetae.server.knowledge.internal.EnrichmentRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports advisory feeds: OSV, CVE JSON 5, NVD API 2.0 and CSAF records (each source's record
 * stored as its own row, merged when read, see {@link AdvisoryCatalog#vulnerability}), and the
 * KEV and EPSS enrichments. Records are written in batches, each batch one transaction that also
 * publishes {@link AdvisoriesChanged} (through the event publication registry, so the reverse
 * match cannot be lost). A newer {@code modified} replaces that source's stored record; an equal
 * or older one is left alone, so re-importing is idempotent. A bad record is reported and skipped.
 */
@Service
public class AdvisoryImporter {

  /** The formats {@link #importFeed} reads, as the CLI and the import API name them. */
  public static final List<String> FORMATS = List.of("osv", "cve5", "nvd", "csaf", "kev", "epss");

  private static final Logger log = LoggerFactory.getLogger(AdvisoryImporter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int BATCH = 500;

  private final AdvisoryRepository repository;
  private final EnrichmentRepository enrichments;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  AdvisoryImporter(AdvisoryRepository repository, EnrichmentRepository enrichments, ApplicationEventPublisher events,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.enrichments = enrichments;
    this.events = events;
    this.transactions = transactions;
  }

  /** Imports the OSV records at a path (file, folder, .jsonl, .jsonl.gz or OSV bulk .zip) as public (TLP:CLEAR). */
  public ImportSummary importOsv(Path path) {
    return importFeed("osv", path, Marking.PUBLIC);
  }

  /** Imports OSV records shared under a TLP marking: every record of the import carries it. */
  public ImportSummary importOsv(Path path, Marking marking) {
    return importFeed("osv", path, marking);
  }

  /** Imports the records of one format ({@link #FORMATS}) at a path, a file or a folder, as public (TLP:CLEAR). */
  public ImportSummary importFeed(String format, Path path) {
    return importFeed(format, path, Marking.PUBLIC);
  }

  /** Imports the records of one format at a path under a TLP marking (KEV and EPSS are always public facts). */
  public ImportSummary importFeed(String format, Path path, Marking marking) {
    long start = System.nanoTime();
    var summary = switch (format) {
      case "osv" -> importAdvisories(new OsvFeedReader(), path, marking);
      case "cve5" -> importAdvisories(new Cve5Reader(), path, marking);
      case "nvd" -> importAdvisories(new NvdReader(), path, marking);
      case "csaf" -> importAdvisories(new CsafReader(), path, marking);
      case "kev" -> importRecords(new io.haetae.engine.feed.KevReader(), path, KevEntry::cveId, this::flushKev);
      case "epss" -> importRecords(new io.haetae.engine.feed.EpssReader(), path, EpssScore::cveId, this::flushEpss);
      default -> throw new IllegalArgumentException("unknown advisory format '" + format + "'; supported: " + FORMATS);
    };
    log.atInfo().addKeyValue("format", format).addKeyValue("path", path.getFileName()).addKeyValue("summary", summary)
        .addKeyValue("tookMs", (System.nanoTime() - start) / 1_000_000).log("advisories imported");
    return summary;
  }

  /**
   * Reads, parses and prepares the rows (rating, ids, package keys) on a thread of its own while
   * this one writes: a batch is made ready while the one before is in the database (issue 5).
   * Writes stay on the calling thread, one transaction per batch, in feed order, so the
   * newer-wins merge and the counts are unchanged. The reader prepares only records the store
   * does not already hold at least as new: a daily re-import of a whole feed is mostly unchanged
   * records, and rating them was most of its cost. The writer decides again in its transaction.
   */
  private ImportSummary importAdvisories(FeedReader<Advisory> reader, Path path, Marking marking) {
    var source = reader.format();
    var counts = new Counts();
    var batches = new ArrayBlockingQueue<Batch>(2);
    var parsing = Thread.ofPlatform().name("import-read-" + source).daemon().start(() -> {
      try {
        var batch = new LinkedHashMap<String, Advisory>();
        read(reader, path, counts, a -> {
          var key = rowKey(source, a);
          batch.merge(key, a, (old, neu) -> neu.modified().isAfter(old.modified()) ? neu : old);
          if (batch.size() >= BATCH) {
            hand(batches, prepare(source, batch, marking));
            batch.clear();
          }
        });
        hand(batches, prepare(source, batch, marking));
        hand(batches, Batch.END);
      } catch (Abandoned e) {
        // The writer failed and gave up on the rest of the feed.
      } catch (RuntimeException | Error e) {
        // The writer rethrows it: a feed that cannot be read fails its import as before.
        try {
          batches.put(new Batch(null, 0, e));
        } catch (InterruptedException writerGone) {
          // The writer failed first; its failure is the one reported.
        }
      }
    });
    try {
      while (true) {
        Batch next = batches.take();
        if (next == Batch.END) break;
        if (next.failure() != null) {
          if (next.failure() instanceof RuntimeException e) throw e;
          throw (Error) next.failure();
        }
        counts.unchanged += next.unchanged();
        flush(next.rows(), counts);
      }
      parsing.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("advisory import interrupted", e);
    } finally {
      parsing.interrupt();
    }
    return counts.summary();
  }

  /**
   * A batch on its way to the writer: the rows of records the store did not hold as new as this,
   * and how many it did (stored {@code modified} times only grow, so those stay unchanged); or the
   * reader's failure.
   */
  private record Batch(List<SourceRow> rows, int unchanged, Throwable failure) {
    static final Batch END = new Batch(List.of(), 0, null);
  }

  private Batch prepare(String source, Map<String, Advisory> batch, Marking marking) {
    Map<String, Instant> stored = repository.modifiedOf(List.copyOf(batch.keySet()));
    var rows = new ArrayList<SourceRow>(batch.size());
    batch.forEach((key, a) -> {
      Instant known = stored.get(key);
      if (known == null || a.modified().isAfter(known)) rows.add(SourceRow.of(key, source, a, marking));
    });
    return new Batch(rows, batch.size() - rows.size(), null);
  }

  private static void hand(BlockingQueue<Batch> batches, Batch batch) {
    try {
      batches.put(batch);
    } catch (InterruptedException e) {
      throw new Abandoned();
    }
  }

  /** Stops the reader thread once the writer has failed (it interrupts the reader). */
  private static final class Abandoned extends RuntimeException {
    Abandoned() {
      super(null, null, false, false);
    }
  }

  private <T> ImportSummary importRecords(FeedReader<T> reader, Path path, Function<T, String> id,
      java.util.function.BiConsumer<List<T>, Counts> flush) {
    var counts = new Counts();
    var batch = new LinkedHashMap<String, T>();
    read(reader, path, counts, r -> {
      batch.put(id.apply(r), r);
      if (batch.size() >= BATCH) {
        flush.accept(List.copyOf(batch.values()), counts);
        batch.clear();
      }
    });
    if (!batch.isEmpty()) flush.accept(List.copyOf(batch.values()), counts);
    return counts.summary();
  }

  private static <T> void read(FeedReader<T> reader, Path path, Counts counts, Consumer<T> accept) {
    try (var entries = reader.read(path)) {
      entries.forEach(entry -> {
        counts.read++;
        switch (entry) {
          case FeedEntry.Read<T> r -> accept.accept(r.record());
          case FeedEntry.Rejected<T> r -> counts.rejected.add(r.toString());
        }
      });
    }
  }

  /**
   * The row of one source's record. OSV ids are unique across OSV databases and keep their
   * row id; other sources reuse CVE ids, so their rows are prefixed; CSAF also by document, as
   * several vendors publish CSAF for the same CVE.
   */
  static String rowKey(String source, Advisory a) {
    return switch (source) {
      case "osv" -> a.id();
      case "csaf" -> "csaf:" + JSON.readTree(a.json()).path("database_specific").path("document").asString() + ":" + a.id();
      default -> source + ":" + a.id();
    };
  }

  /** Writes one batch; a row another import stored as new meanwhile is left alone. */
  private void flush(List<SourceRow> rows, Counts counts) {
    if (rows.isEmpty()) return;
    transactions.executeWithoutResult(tx -> {
      Map<String, Instant> stored = repository.modifiedOf(rows.stream().map(SourceRow::key).toList());
      var inserts = new ArrayList<SourceRow>();
      var updates = new ArrayList<SourceRow>();
      for (SourceRow row : rows) {
        Instant known = stored.get(row.key());
        if (row.key().length() > 255) {
          counts.rejected.add(row.key() + ": /id: record id longer than 255 characters");
        } else if (known != null && !row.stored().advisory().modified().isAfter(known)) {
          counts.unchanged++;
        } else {
          (known == null ? inserts : updates).add(row);
        }
      }
      repository.delete(updates.stream().map(SourceRow::key).toList());
      var written = new ArrayList<SourceRow>(inserts);
      written.addAll(updates);
      repository.insert(written);
      counts.inserted += inserts.size();
      counts.updated += updates.size();
      var changed = written.stream().map(SourceRow::key).toList();
      if (!changed.isEmpty()) {
        UUID analysisId = UUID.randomUUID();
        repository.recordChanges(analysisId, changed);
        events.publishEvent(new AdvisoriesChanged(analysisId, changed.size()));
        repository.raiseGeneration(); // last: see its comment
      }
    });
  }

  /** Stores a KEV batch; CVEs newly listed or with a changed due date are announced (due dates follow). */
  private void flushKev(List<KevEntry> entries, Counts counts) {
    transactions.executeWithoutResult(tx -> {
      var before = enrichments.kev(entries.stream().map(KevEntry::cveId).toList());
      counts.add(enrichments.saveKev(entries));
      var changed = entries.stream().filter(e -> !before.containsKey(e.cveId())
          || !java.util.Objects.equals(before.get(e.cveId()).dueDate(), e.dueDate())).map(KevEntry::cveId).distinct().toList();
      if (!changed.isEmpty()) events.publishEvent(new KevChanged(changed));
    });
  }

  private void flushEpss(List<EpssScore> scores, Counts counts) {
    transactions.executeWithoutResult(tx -> counts.add(enrichments.saveEpss(scores)));
  }

  /** How many of a batch were new, replaced, or left alone (not newer than what is stored). */
  public record Outcome(int inserted, int updated, int unchanged) {}

  private static final class Counts {
    int read;
    int inserted;
    int updated;
    int unchanged;
    // The reader thread reports unreadable records, the writer over-long ids.
    final List<String> rejected = java.util.Collections.synchronizedList(new ArrayList<>());

    void add(Outcome o) {
      inserted += o.inserted();
      updated += o.updated();
      unchanged += o.unchanged();
    }

    ImportSummary summary() {
      return new ImportSummary(read, inserted, updated, unchanged, rejected);
    }
  }
}
