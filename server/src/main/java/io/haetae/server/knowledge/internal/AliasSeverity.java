package io.haetae.server.knowledge.internal;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.advisory.SeverityScore;
import io.haetae.server.knowledge.StoredAdvisory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gives an advisory the best rating any public record of the same vulnerability carries, before
 * matching rates it: a GHSA or PYSEC record without a vector, whose CVE 5 or NVD record scores
 * it 9.8, must not become an "unassigned" finding with CVSS 0.0 (issue 12). The better record's
 * CVSS vector (or, without one, its textual band) is added to the advisory's {@code severity}
 * list, so {@link SeverityRating#of} picks it by its usual rule; the advisory's JSON is untouched.
 * Only rows that outrank the advisory's own rating are read in full.
 */
@Component
public class AliasSeverity {

  private static final Comparator<Rated> BEST_FIRST = Comparator
      .comparingInt((Rated r) -> r.severity().ordinal()) // worst band first
      .thenComparing(r -> r.score() == null ? -1.0 : -r.score());

  private final AdvisoryRepository repository;

  AliasSeverity(AdvisoryRepository repository) {
    this.repository = repository;
  }

  private record Rated(Severity severity, Double score) {}

  public List<StoredAdvisory> enrich(List<StoredAdvisory> stored) {
    if (stored.isEmpty()) return stored;
    var keys = new HashMap<String, String>();
    for (var s : stored) keys.put(s.advisory().id(), AdvisoryRepository.vulnKey(s.advisory()));
    Map<String, AdvisoryRepository.RatingRow> best = new HashMap<>();
    for (var row : repository.ratingsOf(keys.values().stream().distinct().toList())) {
      if (row.severity() == Severity.UNASSIGNED) continue;
      best.merge(row.vulnKey(), row, (a, b) -> BEST_FIRST.compare(rated(a), rated(b)) <= 0 ? a : b);
    }
    var wanted = new HashMap<String, String>(); // advisory id -> better row id
    for (var s : stored) {
      var row = best.get(keys.get(s.advisory().id()));
      if (row == null || row.id().equals(s.advisory().id())) continue;
      var own = SeverityRating.of(s.advisory());
      if (BEST_FIRST.compare(new Rated(row.severity(), row.score()), new Rated(own.severity(), own.score())) < 0) {
        wanted.put(s.advisory().id(), row.id());
      }
    }
    if (wanted.isEmpty()) return stored;
    var rows = repository.advisoriesOf(wanted.values().stream().distinct().toList());
    var out = new ArrayList<StoredAdvisory>(stored.size());
    for (var s : stored) {
      var rating = wanted.containsKey(s.advisory().id()) ? bestOf(rows, keys.get(s.advisory().id())) : null;
      out.add(rating == null ? s : new StoredAdvisory(withRating(s.advisory(), rating), s.severity(), s.score(), s.vector(), s.marking()));
    }
    return out;
  }

  private static SeverityRating bestOf(List<Advisory> rows, String vulnKey) {
    return rows.stream().filter(a -> AdvisoryRepository.vulnKey(a).equals(vulnKey)).map(SeverityRating::of)
        .filter(r -> r.severity() != Severity.UNASSIGNED)
        .min(Comparator.comparing(r -> new Rated(r.severity(), r.score()), BEST_FIRST)).orElse(null);
  }

  private static Rated rated(AdvisoryRepository.RatingRow row) {
    return new Rated(row.severity(), row.score());
  }

  /** The advisory with the other record's vector (or band) added to its severity list. */
  static Advisory withRating(Advisory a, SeverityRating rating) {
    var severity = new ArrayList<>(a.severity());
    if (rating.vector() != null) severity.add(new SeverityScore(typeOf(rating.vector()), rating.vector()));
    else severity.add(new SeverityScore("ALIAS", rating.severity().name()));
    return new Advisory(a.id(), a.aliases(), a.modified(), a.published(), a.withdrawn(), a.summary(), a.details(),
        severity, a.affected(), a.references(), a.json());
  }

  private static String typeOf(String vector) {
    if (vector.startsWith("CVSS:4")) return "CVSS_V4";
    return vector.startsWith("CVSS:3") ? "CVSS_V3" : "CVSS_V2";
  }
}
