package io.haetae.server.knowledge.internal;

import io.haetae.server.jdbc.BulkInsert;
import io.haetae.engine.feed.EpssScore;
import io.haetae.engine.feed.KevEntry;
import io.haetae.server.knowledge.AdvisoryImporter.Outcome;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * KEV entries and EPSS scores, one row per CVE. A catalogue or score file older than what is
 * stored changes nothing (KEV by catalogue version, EPSS by score date), so re-imports and
 * out-of-order imports are idempotent.
 */
@Repository
public class EnrichmentRepository {

  private static final int CHUNK = 500;

  private final NamedParameterJdbcTemplate template;
  private final BulkInsert bulk;

  EnrichmentRepository(NamedParameterJdbcTemplate template, BulkInsert bulk) {
    this.template = template;
    this.bulk = bulk;
  }

  private static final BulkInsert.Table KEV = new BulkInsert.Table("knowledge_kev", List.of("cve_id", "vendor_project",
      "product", "vulnerability_name", "date_added", "due_date", "required_action", "ransomware_use", "catalog_version",
      "imported_at"));
  private static final BulkInsert.Table EPSS = new BulkInsert.Table("knowledge_epss",
      List.of("cve_id", "score", "percentile", "score_date", "model_version"));

  public Outcome saveKev(List<KevEntry> entries) {
    var stored = stringColumn("SELECT cve_id, catalog_version FROM knowledge_kev WHERE cve_id IN (:ids)",
        entries.stream().map(KevEntry::cveId).toList());
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    return save(entries, KevEntry::cveId, e -> newer(e.catalogVersion(), stored.get(e.cveId())), stored::containsKey, KEV,
        e -> new Object[] {e.cveId(), clip(e.vendorProject(), 255), clip(e.product(), 255), clip(e.vulnerabilityName(), 1000),
            e.dateAdded(), e.dueDate(), clip(e.requiredAction(), 4000), clip(e.knownRansomwareCampaignUse(), 32),
            clip(e.catalogVersion(), 32), now});
  }

  public Outcome saveEpss(List<EpssScore> scores) {
    var stored = stringColumn("SELECT cve_id, score_date FROM knowledge_epss WHERE cve_id IN (:ids)",
        scores.stream().map(EpssScore::cveId).toList());
    return save(scores, EpssScore::cveId, s -> newer(s.date().toString(), stored.get(s.cveId())), stored::containsKey, EPSS,
        s -> new Object[] {s.cveId(), s.score(), s.percentile(), s.date(), clip(s.modelVersion(), 64)});
  }

  /** Replaces rows whose incoming version is newer, inserts new ones, in bulk (the daily EPSS file has ~300,000). */
  private <T> Outcome save(List<T> records, Function<T, String> id, java.util.function.Predicate<T> isNewer,
      java.util.function.Predicate<String> isStored, BulkInsert.Table table, Function<T, Object[]> row) {
    var inserts = new ArrayList<Object[]>();
    var replaced = new ArrayList<String>();
    int unchanged = 0;
    for (T r : records) {
      boolean known = isStored.test(id.apply(r));
      if (known && !isNewer.test(r)) {
        unchanged++;
        continue;
      }
      if (known) replaced.add(id.apply(r));
      inserts.add(row.apply(r));
    }
    for (int from = 0; from < replaced.size(); from += CHUNK) {
      template.update("DELETE FROM " + table.name() + " WHERE cve_id IN (:ids)",
          Map.of("ids", replaced.subList(from, Math.min(replaced.size(), from + CHUNK))));
    }
    bulk.insert(table, inserts);
    return new Outcome(inserts.size() - replaced.size(), replaced.size(), unchanged);
  }

  /** Both are "2025.08.25" catalogue versions or ISO dates, which order as text. */
  private static boolean newer(String incoming, String stored) {
    return stored == null || (incoming != null && incoming.compareTo(stored) > 0);
  }

  private Map<String, String> stringColumn(String sql, List<String> ids) {
    var out = new HashMap<String, String>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      template.query(sql, Map.of("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
          rs -> {
            out.put(rs.getString(1), rs.getString(2));
          });
    }
    return out;
  }

  /** A KEV row as the vulnerability record shows it. */
  public record KevRow(String cveId, LocalDate dateAdded, LocalDate dueDate, String requiredAction, String ransomwareUse) {}

  /** An EPSS row. */
  public record EpssRow(String cveId, double score, double percentile, LocalDate date) {}

  public Map<String, KevRow> kev(Collection<String> cves) {
    var out = new HashMap<String, KevRow>();
    if (cves.isEmpty()) return out;
    template.query("SELECT cve_id, date_added, due_date, required_action, ransomware_use FROM knowledge_kev WHERE cve_id IN (:ids)",
        Map.of("ids", List.copyOf(cves)), rs -> {
          var due = rs.getDate("due_date");
          out.put(rs.getString("cve_id"), new KevRow(rs.getString("cve_id"), rs.getDate("date_added").toLocalDate(),
              due == null ? null : due.toLocalDate(), rs.getString("required_action"), rs.getString("ransomware_use")));
        });
    return out;
  }

  /** A KEV entry whole, for CVEs the hub knows from the catalogue alone. */
  public record KevListing(String cveId, String vendorProject, String product, String name, LocalDate dateAdded,
      LocalDate dueDate, String requiredAction, String ransomwareUse) {
    /** "Vendor Product: name", as the catalogue names the vulnerability. */
    public String title() {
      String who = java.util.stream.Stream.of(vendorProject, product).filter(s -> s != null && !s.isBlank())
          .collect(java.util.stream.Collectors.joining(" "));
      return who.isEmpty() ? (name == null ? "" : name) : who + (name == null ? "" : ": " + name);
    }
  }

  public Map<String, KevListing> kevEntries(Collection<String> cves) {
    var out = new HashMap<String, KevListing>();
    if (cves.isEmpty()) return out;
    template.query("""
        SELECT cve_id, vendor_project, product, vulnerability_name, date_added, due_date, required_action, ransomware_use
        FROM knowledge_kev WHERE cve_id IN (:ids)""", Map.of("ids", List.copyOf(cves)), rs -> {
          var due = rs.getDate("due_date");
          out.put(rs.getString("cve_id"), new KevListing(rs.getString("cve_id"), rs.getString("vendor_project"),
              rs.getString("product"), rs.getString("vulnerability_name"), rs.getDate("date_added").toLocalDate(),
              due == null ? null : due.toLocalDate(), rs.getString("required_action"), rs.getString("ransomware_use")));
        });
    return out;
  }

  public Map<String, EpssRow> epss(Collection<String> cves) {
    var out = new HashMap<String, EpssRow>();
    if (cves.isEmpty()) return out;
    template.query("SELECT cve_id, score, percentile, score_date FROM knowledge_epss WHERE cve_id IN (:ids)",
        Map.of("ids", List.copyOf(cves)), rs -> {
          out.put(rs.getString("cve_id"), new EpssRow(rs.getString("cve_id"), rs.getDouble("score"),
              rs.getDouble("percentile"), rs.getDate("score_date").toLocalDate()));
        });
    return out;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
