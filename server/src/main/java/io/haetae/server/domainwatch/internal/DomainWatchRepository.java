package io.haetae.server.domainwatch.internal;

import static io.haetae.server.web.SqlValues.instant;

import io.haetae.server.domainwatch.StoredMatch;
import io.haetae.server.domainwatch.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The domainwatch tables. Organisation names and sectors are filled in by the service. */
@Repository
public class DomainWatchRepository {

  private static final String REASON_SEPARATOR = "\n";

  private final JdbcClient jdbc;

  DomainWatchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A protected name row: kind is "domain" or "brand". */
  public record ProtectedRow(UUID orgId, String name, String kind, String source) {}

  public List<ProtectedRow> protectedNames(UUID orgId) {
    return jdbc.sql("""
        SELECT org_id, name, kind, source FROM domainwatch_protected
        WHERE (CAST(:org AS UUID) IS NULL OR org_id = :org) ORDER BY kind, name""")
        .param("org", orgId).query((rs, i) -> new ProtectedRow(rs.getObject("org_id", UUID.class), rs.getString("name"),
            rs.getString("kind"), rs.getString("source"))).list();
  }

  /** Replaces the names of one source (api, import) of an organisation. */
  public void replace(UUID orgId, String source, Collection<ProtectedRow> rows) {
    jdbc.sql("DELETE FROM domainwatch_protected WHERE org_id = :org AND source = :source")
        .param("org", orgId).param("source", source).update();
    var now = now();
    for (ProtectedRow r : rows) {
      if (exists(orgId, r.name(), r.kind())) continue;
      jdbc.sql("INSERT INTO domainwatch_protected (org_id, name, kind, source, created_at) VALUES (:org, :name, :kind, :source, :now)")
          .param("org", orgId).param("name", r.name()).param("kind", r.kind()).param("source", source).param("now", now).update();
    }
  }

  private boolean exists(UUID orgId, String name, String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM domainwatch_protected WHERE org_id = :org AND name = :name AND kind = :kind")
        .param("org", orgId).param("name", name).param("kind", kind).query(Integer.class).single() > 0;
  }

  /** The domains organisations marked as their own (verdict own): never a match again. */
  public List<String[]> ownDomains() {
    return jdbc.sql("SELECT org_id, domain FROM domainwatch_match WHERE verdict = 'OWN'")
        .query((rs, i) -> new String[] {rs.getString("org_id"), rs.getString("domain")}).list();
  }

  public record NewMatch(UUID orgId, String domain, String display, String protectedName, String technique, int score,
      List<String> reasons, Instant firstSeen) {}

  /** Stores a match unless the organisation has one for this domain and name; true when new. */
  public Optional<UUID> insertIfNew(NewMatch m) {
    Integer known = jdbc.sql("SELECT COUNT(*) FROM domainwatch_match WHERE org_id = :org AND domain = :domain AND protected_name = :name")
        .param("org", m.orgId()).param("domain", m.domain()).param("name", m.protectedName()).query(Integer.class).single();
    if (known > 0) return Optional.empty();
    UUID id = UUID.randomUUID();
    String reasons = String.join(REASON_SEPARATOR, m.reasons());
    if (reasons.length() > 4000) reasons = reasons.substring(0, 4000);
    try {
      jdbc.sql("""
          INSERT INTO domainwatch_match (id, org_id, domain, display, protected_name, technique, score, reasons, first_seen,
            found_at, verdict) VALUES (:id, :org, :domain, :display, :name, :technique, :score, :reasons, :firstSeen, :now, 'NEW')""")
          .param("id", id).param("org", m.orgId()).param("domain", m.domain()).param("display", m.display())
          .param("name", m.protectedName()).param("technique", m.technique()).param("score", m.score())
          .param("reasons", reasons).param("firstSeen", m.firstSeen() == null ? null : m.firstSeen().atOffset(ZoneOffset.UTC))
          .param("now", now()).update();
    } catch (DuplicateKeyException e) {
      return Optional.empty(); // a concurrent upload stored it first
    }
    return Optional.of(id);
  }

  /** Matches, newest first; org null for all; the other filters null for any. */
  public List<StoredMatch> matches(UUID orgId, Collection<UUID> orgsIn, String technique, Verdict verdict, int limit) {
    boolean anyOrg = orgsIn == null;
    return jdbc.sql("""
        SELECT * FROM domainwatch_match
        WHERE (CAST(:org AS UUID) IS NULL OR org_id = :org)
          AND (:anyOrg OR org_id IN (:orgs))
          AND (CAST(:technique AS VARCHAR(30)) IS NULL OR technique = :technique)
          AND (CAST(:verdict AS VARCHAR(10)) IS NULL OR verdict = :verdict)
        ORDER BY found_at DESC, domain LIMIT :limit""")
        .param("org", orgId).param("anyOrg", anyOrg).param("orgs", anyOrg || orgsIn.isEmpty() ? List.of(new UUID(0, 0)) : orgsIn)
        .param("technique", technique).param("verdict", verdict == null ? null : verdict.name()).param("limit", limit)
        .query(this::row).list();
  }

  public Optional<StoredMatch> find(UUID id) {
    return jdbc.sql("SELECT * FROM domainwatch_match WHERE id = :id").param("id", id).query(this::row).optional();
  }

  public void decide(UUID id, Verdict verdict, String by) {
    jdbc.sql("UPDATE domainwatch_match SET verdict = :verdict, decided_at = :now, decided_by = :by WHERE id = :id")
        .param("verdict", verdict.name()).param("now", now()).param("by", by).param("id", id).update();
  }

  /** Distinct domains confirmed malicious by any organisation, with when and against what. */
  public List<StoredMatch> confirmedMalicious() {
    return jdbc.sql("SELECT * FROM domainwatch_match WHERE verdict = 'MALICIOUS' ORDER BY domain, decided_at")
        .query(this::row).list();
  }

  private StoredMatch row(ResultSet rs, int i) throws SQLException {
    return new StoredMatch(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), null, null,
        rs.getString("domain"), rs.getString("display"), rs.getString("protected_name"), rs.getString("technique"),
        rs.getInt("score"), Arrays.asList(rs.getString("reasons").split(REASON_SEPARATOR)), instant(rs, "first_seen"),
        instant(rs, "found_at"), Verdict.valueOf(rs.getString("verdict")), instant(rs, "decided_at"), rs.getString("decided_by"));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
