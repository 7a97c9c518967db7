package io.haetae.server.knowledge.internal;

import io.haetae.server.jdbc.BulkInsert;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvReader;
import io.haetae.engine.advisory.Severity;
import io.haetae.engine.advisory.SeverityRating;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.StoredAdvisory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The advisory store. The OSV JSON of each record is kept whole (the OSV API serves it as is);
 * ids, aliases and package keys are columns so lookups never parse JSON.
 */
@Repository
public class AdvisoryRepository {

  private static final int CHUNK = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;
  private final OsvReader reader = new OsvReader();
  private final BulkInsert bulk;

  /**
   * Parsed records by id, weighed by the length of their JSON ({@code haetae.knowledge.parsed-cache},
   * 48 MB of JSON: the parsed form takes a few times that on the heap).
   */
  private final Cache<String, Parsed> parsed;

  AdvisoryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate template, BulkInsert bulk,
      @Value("${haetae.knowledge.parsed-cache:48MB}") DataSize parsedCache) {
    this.jdbc = jdbc;
    this.template = template;
    this.bulk = bulk;
    this.parsed = Caffeine.newBuilder().maximumWeight(parsedCache.toBytes()).<String, Parsed>weigher((id, p) -> p.weight()).build();
  }


  public Map<String, Instant> modifiedOf(List<String> ids) {
    var out = new HashMap<String, Instant>();
    for (var chunk : chunks(ids)) {
      template.query("SELECT id, modified FROM knowledge_advisory WHERE id IN (:ids)", Map.of("ids", chunk),
          rs -> {
            out.put(rs.getString("id"), rs.getObject("modified", OffsetDateTime.class).toInstant());
          });
    }
    return out;
  }

  public void delete(List<String> ids) {
    for (var chunk : chunks(ids)) {
      template.update("DELETE FROM knowledge_cpe WHERE advisory_id IN (:ids)", Map.of("ids", chunk));
      template.update("DELETE FROM knowledge_package WHERE advisory_id IN (:ids)", Map.of("ids", chunk));
      template.update("DELETE FROM knowledge_alias WHERE advisory_id IN (:ids)", Map.of("ids", chunk));
      template.update("DELETE FROM knowledge_advisory WHERE id IN (:ids)", Map.of("ids", chunk));
    }
  }

  /**
   * One source's record as the rows it is stored as: {@code key} is the row id (see
   * V3__sources_kev_epss.sql), the rest is what {@link #insert} writes beside the JSON. Built by
   * {@link #of} off the writing thread: rating, ids and package keys are CPU work an import does
   * while the database writes the batch before (issue 5).
   */
  public record SourceRow(String key, String source, StoredAdvisory stored, String vulnKey, List<String> aliases,
      List<PackageKey> packages, List<String> cpes) {

    public static SourceRow of(String key, String source, Advisory a, Marking marking) {
      var rating = SeverityRating.of(a);
      var stored = new StoredAdvisory(a, rating.severity(), rating.score(), rating.vector(), marking);
      var aliases = new LinkedHashSet<String>();
      for (String alias : a.allIds()) if (alias.length() <= 255) aliases.add(alias);
      var packages = AdvisoryIndex.keysOf(a).stream().filter(k -> k.name().length() <= 1024).toList();
      var cpes = new LinkedHashSet<String>();
      // OSV records name no CPEs; the others keep theirs in database_specific.
      if (!source.equals("osv")) {
        var m = CPE.matcher(a.json());
        while (m.find()) cpes.add(m.group(1));
      }
      return new SourceRow(key, source, stored, AdvisoryRepository.vulnKey(a), List.copyOf(aliases), packages, List.copyOf(cpes));
    }
  }

  private static final Pattern CPE = Pattern.compile("\"(cpe:(?:2\\.3:|/)[^\"]{1,1000})\"");

  private static final BulkInsert.Table ADVISORY = new BulkInsert.Table("knowledge_advisory", List.of("id", "modified",
      "published", "withdrawn", "summary", "severity", "score", "source", "json", "imported_at", "vuln_key", "tlp",
      "origin_org", "audience_sector"));
  private static final BulkInsert.Table ALIAS = new BulkInsert.Table("knowledge_alias", List.of("alias", "advisory_id"));
  private static final BulkInsert.Table PACKAGE =
      new BulkInsert.Table("knowledge_package", List.of("advisory_id", "ecosystem", "package_name"));
  private static final BulkInsert.Table CPES = new BulkInsert.Table("knowledge_cpe", List.of("advisory_id", "cpe"));
  private static final BulkInsert.Table CHANGE =
      new BulkInsert.Table("knowledge_change", List.of("analysis_id", "advisory_id", "changed_at"));

  public void insert(List<SourceRow> rows) {
    if (rows.isEmpty()) return;
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    var advisories = new ArrayList<Object[]>(rows.size());
    var aliases = new ArrayList<Object[]>();
    var packages = new ArrayList<Object[]>();
    var cpes = new ArrayList<Object[]>();
    for (SourceRow row : rows) {
      Advisory a = row.stored().advisory();
      var marking = row.stored().marking();
      advisories.add(new Object[] {row.key(), utc(a.modified()), utc(a.published()), utc(a.withdrawn()),
          text(clip(a.summary(), 4000)), row.stored().severity().name(), row.stored().score(), row.source(), a.json(),
          now, row.vulnKey(), marking.tlp().name(), marking.origin(), marking.sector()});
      row.aliases().forEach(alias -> aliases.add(new Object[] {alias, row.key()}));
      row.packages().forEach(k -> packages.add(new Object[] {row.key(), k.ecosystem().name(), k.name()}));
      row.cpes().forEach(cpe -> cpes.add(new Object[] {row.key(), cpe}));
    }
    bulk.insert(ADVISORY, advisories);
    bulk.insert(ALIAS, aliases);
    bulk.insert(PACKAGE, packages);
    bulk.insert(CPES, cpes);
    // What was just stored is what the next uploads and the reverse match read: keep it parsed,
    // so the first SBOM after an import does not parse thousands of records again. OSV rows only:
    // their stored JSON is the record itself, so this is exactly what parsing it would give. A
    // transaction that rolls back leaves an entry no stored (id, modified) pair will ever ask for.
    for (SourceRow row : rows) {
      if (!row.source().equals("osv")) continue;
      Advisory a = row.stored().advisory();
      parsed.put(row.key(), new Parsed(a.modified().truncatedTo(java.time.temporal.ChronoUnit.MICROS), a,
          Math.max(1, a.json().length())));
    }
  }

  /**
   * Raises the knowledge generation (V15__generation.sql). The import calls it last in each
   * transaction that stored or replaced a record, so the row lock is held only while committing
   * and two imports never wait on each other's rows while holding it.
   */
  public void raiseGeneration() {
    jdbc.sql("UPDATE knowledge_generation SET generation = generation + 1 WHERE id = 1").update();
  }

  /** The knowledge generation as committed now: read before the data it guards. */
  public long generation() {
    return jdbc.sql("SELECT generation FROM knowledge_generation WHERE id = 1").query(Long.class).single();
  }

  /** The vulnerability a record describes: its smallest CVE id, else its own id (the merge key). */
  public static String vulnKey(Advisory a) {
    return a.allIds().stream().filter(id -> id.startsWith("CVE-") && id.length() <= 255).min(String::compareTo).orElse(a.id());
  }

  public void recordChanges(java.util.UUID analysisId, List<String> ids) {
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    bulk.insert(CHANGE, ids.stream().map(id -> new Object[] {analysisId, id, now}).toList());
  }

  public List<StoredAdvisory> changedIn(java.util.UUID analysisId) {
    return jdbc.sql(SELECT + " WHERE id IN (SELECT advisory_id FROM knowledge_change WHERE analysis_id = :a)")
        .param("a", analysisId).query(this::row).list();
  }

  /** The package keys the advisories of an import batch name, from the package index (no JSON parsed). */
  public List<PackageKey> packagesChangedIn(java.util.UUID analysisId) {
    return jdbc.sql("""
        SELECT DISTINCT ecosystem, package_name FROM knowledge_package
        WHERE advisory_id IN (SELECT advisory_id FROM knowledge_change WHERE analysis_id = :a)""")
        .param("a", analysisId)
        .query((rs, n) -> new PackageKey(io.haetae.engine.version.Ecosystem.valueOf(rs.getString(1)), rs.getString(2)))
        .list();
  }

  /** The record with this id, then those known by it as an alias: OSV records first, newest first. */
  public List<StoredAdvisory> candidates(String id) {
    var out = new ArrayList<StoredAdvisory>();
    jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::row).optional().ifPresent(out::add);
    jdbc.sql(SELECT + " WHERE id IN (SELECT advisory_id FROM knowledge_alias WHERE alias = :id) AND id <> :id"
        + " ORDER BY CASE WHEN source = 'osv' THEN 0 ELSE 1 END, modified DESC")
        .param("id", id).query(this::row).list().forEach(out::add);
    return out;
  }

  /** Advisories naming any of the packages: ids from the package index first, then the records by id. */
  public List<StoredAdvisory> findStoredByPackages(Collection<PackageKey> keys) {
    var ids = new LinkedHashSet<String>();
    for (var group : PackageKey.chunkedByEcosystem(keys, CHUNK)) {
      ids.addAll(template.queryForList(
          "SELECT DISTINCT advisory_id FROM knowledge_package WHERE ecosystem = :e AND package_name IN (:names)",
          new MapSqlParameterSource("e", group.getKey().name()).addValue("names", group.getValue()), String.class));
    }
    var out = new ArrayList<StoredAdvisory>(ids.size());
    for (var chunk : chunks(List.copyOf(ids))) out.addAll(storedCached(chunk));
    return out;
  }

  /** A parsed record and the {@code modified} it was parsed at: a newer import replaces it. */
  private record Parsed(Instant modified, io.haetae.engine.advisory.Advisory advisory, int weight) {}

  /**
   * The records by id, parsed JSON taken from {@link #parsed} where the stored {@code modified}
   * is the one parsed: every SBOM upload asks for the advisories of its packages, and parsing the
   * same OSV JSON again was the largest share of an upload's analysis (BENCHMARKS.md). Only the
   * records not cached travel with their JSON.
   */
  private List<StoredAdvisory> storedCached(List<String> ids) {
    var heads = template.query("SELECT id, modified, severity, score, tlp, origin_org, audience_sector FROM knowledge_advisory "
        + "WHERE withdrawn IS NULL AND id IN (:ids)", Map.of("ids", ids), (rs, n) -> new Object[] {rs.getString("id"),
            rs.getObject("modified", OffsetDateTime.class).toInstant(), head(rs)});
    // What this call uses is held here: the cache may evict an entry the moment it is put.
    var found = new HashMap<String, Parsed>();
    var missing = new ArrayList<String>();
    for (Object[] h : heads) {
      Parsed p = parsed.getIfPresent((String) h[0]);
      if (p != null && p.modified().equals(h[1])) found.put((String) h[0], p);
      else missing.add((String) h[0]);
    }
    if (!missing.isEmpty()) {
      template.query("SELECT id, modified, json FROM knowledge_advisory WHERE id IN (:ids)", Map.of("ids", missing), rs -> {
        String json = rs.getString("json");
        var result = reader.read(JSON.readTree(json));
        if (!(result instanceof OsvReader.Parsed p)) {
          throw new IllegalStateException("stored advisory " + rs.getString("id") + " no longer parses: " + result);
        }
        var fresh = new Parsed(rs.getObject("modified", OffsetDateTime.class).toInstant(), p.advisory(), Math.max(1, json.length()));
        found.put(rs.getString("id"), fresh);
        parsed.put(rs.getString("id"), fresh);
      });
    }
    var out = new ArrayList<StoredAdvisory>(heads.size());
    for (Object[] h : heads) {
      Parsed p = found.get((String) h[0]);
      if (p == null) continue; // deleted between the two reads
      StoredAdvisory head = (StoredAdvisory) h[2];
      out.add(new StoredAdvisory(p.advisory(), head.severity(), head.score(), null, head.marking()));
    }
    return out;
  }

  /** The columns of a row besides its JSON, in a StoredAdvisory without an advisory. */
  private static StoredAdvisory head(ResultSet rs) throws SQLException {
    double score = rs.getDouble("score");
    Double boxed = rs.wasNull() ? null : score;
    var marking = new Marking(Tlp.valueOf(rs.getString("tlp")), rs.getObject("origin_org", java.util.UUID.class),
        rs.getString("audience_sector"));
    return new StoredAdvisory(null, Severity.valueOf(rs.getString("severity")), boxed, null, marking);
  }

  /** One stored record's rating, keyed by the vulnerability it describes. */
  public record RatingRow(String id, String vulnKey, Severity severity, Double score) {}

  /** The ratings of every public record of these vulnerabilities (rows sharing a vuln_key: CVE 5, NVD, GHSA...). */
  public List<RatingRow> ratingsOf(Collection<String> vulnKeys) {
    var out = new ArrayList<RatingRow>();
    for (var chunk : chunks(List.copyOf(vulnKeys))) {
      out.addAll(template.query(
          "SELECT id, vuln_key, severity, score FROM knowledge_advisory WHERE tlp = 'CLEAR' AND vuln_key IN (:keys)",
          Map.of("keys", chunk), (rs, n) -> {
            double score = rs.getDouble("score");
            Double boxed = rs.wasNull() ? null : score;
            return new RatingRow(rs.getString("id"), rs.getString("vuln_key"), Severity.valueOf(rs.getString("severity")), boxed);
          }));
    }
    return out;
  }

  /** The parsed records of these row ids. */
  public List<Advisory> advisoriesOf(Collection<String> ids) {
    var out = new ArrayList<Advisory>();
    for (var chunk : chunks(List.copyOf(ids))) {
      out.addAll(template.query(SELECT + " WHERE id IN (:ids)", Map.of("ids", chunk), this::row)
          .stream().map(StoredAdvisory::advisory).toList());
    }
    return out;
  }

  /** A stored source record, as the merged view reads it. */
  /** The ids of the stored records known by one of these ids or aliases. */
  public java.util.Set<String> advisoriesKnownAs(Collection<String> ids) {
    var out = new java.util.HashSet<String>();
    var list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 500) {
      out.addAll(template.queryForList("SELECT DISTINCT advisory_id FROM knowledge_alias WHERE alias IN (:ids)",
          Map.of("ids", list.subList(from, Math.min(list.size(), from + 500))), String.class));
    }
    return out;
  }

  /** SSVC decision points of a CVE 5 record (CISA ADP), as the CVE 5 reader keeps them; null when absent. */
  public record Ssvc(String exploitation, String automatable, String technicalImpact) {}

  /** The SSVC decision points stored with the CVE 5 records of these CVE ids. */
  public Map<String, Ssvc> ssvc(Collection<String> cves) {
    var out = new java.util.HashMap<String, Ssvc>();
    var keys = cves.stream().map(c -> "cve5:" + c).toList();
    for (int from = 0; from < keys.size(); from += 500) {
      template.query("SELECT id, json FROM knowledge_advisory WHERE id IN (:ids)",
          Map.of("ids", keys.subList(from, Math.min(keys.size(), from + 500))), rs -> {
            var ssvc = JSON.readTree(rs.getString("json")).path("database_specific").path("ssvc");
            if (ssvc.isObject()) {
              out.put(rs.getString("id").substring("cve5:".length()), new Ssvc(ssvc.path("exploitation").asString(null),
                  ssvc.path("automatable").asString(null), ssvc.path("technical_impact").asString(null)));
            }
          });
    }
    return out;
  }

  public record SourceRecordRow(String key, String source, Severity severity, String json, String vulnKey) {}

  /**
   * The TLP:CLEAR rows of the vulnerabilities that the id or alias names (at most 500 source
   * records). The merged knowledge base is public, so marked records never enter a merge: their
   * audience reads them as advisories (see docs/access.md).
   */
  public List<SourceRecordRow> group(String idOrAlias) {
    var vulnKeys = jdbc.sql("""
        SELECT DISTINCT vuln_key FROM knowledge_advisory
        WHERE tlp = 'CLEAR' AND (id = :id OR id IN (SELECT advisory_id FROM knowledge_alias WHERE alias = :id))""")
        .param("id", idOrAlias).query(String.class).list();
    if (vulnKeys.isEmpty()) return List.of();
    return template.query("""
        SELECT id, source, severity, json, vuln_key FROM knowledge_advisory
        WHERE vuln_key IN (:keys) AND tlp = 'CLEAR' ORDER BY id FETCH FIRST 500 ROWS ONLY""",
        Map.of("keys", vulnKeys), (rs, n) -> new SourceRecordRow(rs.getString("id"), rs.getString("source"),
            Severity.valueOf(rs.getString("severity")), rs.getString("json"), rs.getString("vuln_key")));
  }

  /**
   * {@link #group} for many ids at once: two queries per chunk of ids instead of two per id (an
   * alert of thousands of findings asks for thousands). Each row is read once however many ids
   * name its vulnerability; at most 500 rows per vulnerability group.
   */
  public Map<String, List<SourceRecordRow>> groups(Collection<String> ids) {
    var keysOf = new HashMap<String, java.util.Set<String>>();
    for (var chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
      template.query("""
          SELECT a.id AS asked, a.vuln_key FROM knowledge_advisory a WHERE a.tlp = 'CLEAR' AND a.id IN (:ids)
          UNION
          SELECT al.alias AS asked, a.vuln_key FROM knowledge_alias al JOIN knowledge_advisory a ON a.id = al.advisory_id
          WHERE a.tlp = 'CLEAR' AND al.alias IN (:ids)""", Map.of("ids", chunk),
          rs -> { keysOf.computeIfAbsent(rs.getString("asked"), k -> new java.util.TreeSet<>()).add(rs.getString("vuln_key")); });
    }
    var rowsOf = new HashMap<String, List<SourceRecordRow>>();
    var allKeys = keysOf.values().stream().flatMap(java.util.Set::stream).distinct().toList();
    for (var chunk : chunks(allKeys)) {
      template.query("SELECT id, source, severity, json, vuln_key FROM knowledge_advisory WHERE vuln_key IN (:keys) AND tlp = 'CLEAR'",
          Map.of("keys", chunk), rs -> {
            var row = new SourceRecordRow(rs.getString("id"), rs.getString("source"), Severity.valueOf(rs.getString("severity")),
                rs.getString("json"), rs.getString("vuln_key"));
            rowsOf.computeIfAbsent(row.vulnKey(), k -> new ArrayList<>()).add(row);
          });
    }
    var out = new HashMap<String, List<SourceRecordRow>>();
    keysOf.forEach((id, keys) -> out.put(id, keys.stream().flatMap(k -> rowsOf.getOrDefault(k, List.of()).stream())
        .sorted(java.util.Comparator.comparing(SourceRecordRow::key)).limit(500).toList()));
    return out;
  }

  /**
   * The TLP labels of the stored rows known by each id, by id (unknown ids are left out). A
   * finding names the advisory's own id ({@code CVE-X}), while CVE 5, NVD and CSAF rows are keyed
   * {@code cve5:CVE-X}, so ids are resolved through the alias index, which holds every row's ids.
   */
  public Map<String, List<String>> tlpOf(Collection<String> ids) {
    var out = new HashMap<String, List<String>>();
    for (var chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
      template.query("""
          SELECT al.alias, a.tlp FROM knowledge_alias al JOIN knowledge_advisory a ON a.id = al.advisory_id
          WHERE al.alias IN (:ids)""", Map.of("ids", chunk),
          rs -> {
            out.computeIfAbsent(rs.getString("alias"), k -> new ArrayList<>()).add(rs.getString("tlp"));
          });
    }
    return out;
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM knowledge_advisory").query(Long.class).single();
  }

  private static final String SELECT =
      "SELECT id, severity, score, json, tlp, origin_org, audience_sector FROM knowledge_advisory";

  private StoredAdvisory row(ResultSet rs, int n) throws SQLException {
    String json = rs.getString("json");
    var result = reader.read(JSON.readTree(json));
    if (!(result instanceof OsvReader.Parsed parsed)) {
      throw new IllegalStateException("stored advisory " + rs.getString("id") + " no longer parses: " + result);
    }
    StoredAdvisory head = head(rs);
    return new StoredAdvisory(parsed.advisory(), head.severity(), head.score(), null, head.marking());
  }


  private static List<List<String>> chunks(List<String> ids) {
    var out = new ArrayList<List<String>>();
    for (int from = 0; from < ids.size(); from += CHUNK) out.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    return out;
  }

  private static OffsetDateTime utc(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** NUL cannot be stored in a PostgreSQL text column; a feed's "\\u0000" in a summary must not fail its batch. */
  private static String text(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
