package io.haetae.server.knowledge;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.server.identity.Marking;
import io.haetae.server.knowledge.internal.AdvisoryRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports advisories. Records are written in batches, each batch one transaction that also
 * publishes {@link AdvisoriesChanged} (through the event publication registry, so the reverse
 * match cannot be lost). A newer {@code modified} replaces the stored record; an equal or older
 * one is left alone, so re-importing is idempotent. A bad record is reported and skipped.
 */
@Service
public class AdvisoryImporter {

  private static final Logger log = LoggerFactory.getLogger(AdvisoryImporter.class);
  static final int BATCH = 500;

  private final AdvisoryRepository repository;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;

  AdvisoryImporter(AdvisoryRepository repository, ApplicationEventPublisher events, TransactionTemplate transactions) {
    this.repository = repository;
    this.events = events;
    this.transactions = transactions;
  }

  /** Imports the OSV records at a path (file, folder, .jsonl, .jsonl.gz or OSV bulk .zip) as public (TLP:CLEAR). */
  public ImportSummary importOsv(Path path) {
    return importOsv(path, Marking.PUBLIC);
  }

  /** Imports OSV records shared under a TLP marking: every record of the import carries it. */
  public ImportSummary importOsv(Path path, Marking marking) {
    long start = System.nanoTime();
    var counts = new Counts();
    var batch = new LinkedHashMap<String, Advisory>();
    try (Stream<OsvSource.Entry> entries = new OsvSource().read(path)) {
      entries.forEach(entry -> {
        switch (entry) {
          case OsvSource.Accepted a -> {
            counts.read++;
            batch.merge(a.advisory().id(), a.advisory(), (old, neu) -> neu.modified().isAfter(old.modified()) ? neu : old);
            if (batch.size() >= BATCH) flush(batch, counts, marking);
          }
          case OsvSource.Rejected r -> {
            counts.read++;
            counts.rejected.add(r.toString());
          }
        }
      });
    }
    flush(batch, counts, marking);
    var summary = counts.summary();
    log.atInfo().addKeyValue("path", path.getFileName()).addKeyValue("summary", summary)
        .addKeyValue("tookMs", (System.nanoTime() - start) / 1_000_000).log("advisories imported");
    return summary;
  }

  private void flush(Map<String, Advisory> batch, Counts counts, Marking marking) {
    if (batch.isEmpty()) return;
    var advisories = List.copyOf(batch.values());
    batch.clear();
    transactions.executeWithoutResult(tx -> {
      Map<String, Instant> stored = repository.modifiedOf(advisories.stream().map(Advisory::id).toList());
      var inserts = new ArrayList<StoredAdvisory>();
      var updates = new ArrayList<StoredAdvisory>();
      for (Advisory a : advisories) {
        Instant known = stored.get(a.id());
        if (known != null && !a.modified().isAfter(known)) {
          counts.unchanged++;
          continue;
        }
        var rating = SeverityRating.of(a);
        var row = new StoredAdvisory(a, rating.severity(), rating.score(), rating.vector(), marking);
        (known == null ? inserts : updates).add(row);
      }
      repository.delete(updates.stream().map(s -> s.advisory().id()).toList());
      repository.insert(inserts, "osv");
      repository.insert(updates, "osv");
      counts.inserted += inserts.size();
      counts.updated += updates.size();
      var changed = new ArrayList<String>();
      inserts.forEach(s -> changed.add(s.advisory().id()));
      updates.forEach(s -> changed.add(s.advisory().id()));
      if (!changed.isEmpty()) {
        UUID analysisId = UUID.randomUUID();
        repository.recordChanges(analysisId, changed);
        events.publishEvent(new AdvisoriesChanged(analysisId, changed.size()));
      }
    });
  }

  private static final class Counts {
    int read;
    int inserted;
    int updated;
    int unchanged;
    final List<String> rejected = new ArrayList<>();

    ImportSummary summary() {
      return new ImportSummary(read, inserted, updated, unchanged, rejected);
    }
  }
}
