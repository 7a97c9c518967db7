package io.haetae.server.selfcheck.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The stored self-checks and the anonymous aggregates over them. */
@Repository
public class SelfCheckRepository {

  private final JdbcClient jdbc;

  SelfCheckRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Stored(String id, Instant createdAt, int questionnaireVersion, String lang, String sizeClass, String sector,
      int score, String level, String answers, String result, UUID orgId) {}

  @Transactional
  void insert(Stored s, Collection<String> gaps, Collection<String> packages) {
    jdbc.sql("""
        INSERT INTO selfcheck_result (id, created_at, questionnaire_version, lang, size_class, sector, score, level,
          answers, result, org_id, saved_at)
        VALUES (:id, :at, :version, :lang, :size, :sector, :score, :level, :answers, :result, :org, :saved)""")
        .param("id", s.id()).param("at", OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC))
        .param("version", s.questionnaireVersion()).param("lang", s.lang()).param("size", s.sizeClass())
        .param("sector", s.sector()).param("score", s.score()).param("level", s.level()).param("answers", s.answers())
        .param("result", s.result()).param("org", s.orgId())
        .param("saved", s.orgId() == null ? null : OffsetDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC)).update();
    for (String gap : gaps) {
      jdbc.sql("INSERT INTO selfcheck_gap (check_id, question_id) VALUES (:id, :q)").param("id", s.id()).param("q", gap)
          .update();
    }
    for (String p : packages) {
      jdbc.sql("INSERT INTO selfcheck_package (check_id, package) VALUES (:id, :p)").param("id", s.id())
          .param("p", p.length() > 500 ? p.substring(0, 500) : p).update();
    }
  }

  Optional<Stored> find(String id) {
    return jdbc.sql("""
        SELECT id, created_at, questionnaire_version, lang, size_class, sector, score, level, answers, result, org_id
        FROM selfcheck_result WHERE id = :id""").param("id", id).query(SelfCheckRepository::row).optional();
  }

  /** Saves a check to an organisation's account; false when it is saved to another one already. */
  boolean saveTo(String id, UUID orgId) {
    return jdbc.sql("""
        UPDATE selfcheck_result SET org_id = :org, saved_at = :now WHERE id = :id AND (org_id IS NULL OR org_id = :org)""")
        .param("org", orgId).param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("id", id).update() == 1;
  }

  public record Entry(String id, Instant createdAt, int score, String level, String sizeClass, String sector) {}

  List<Entry> ofOrganisation(UUID orgId) {
    return jdbc.sql("""
        SELECT id, created_at, score, level, size_class, sector FROM selfcheck_result
        WHERE org_id = :org ORDER BY created_at""").param("org", orgId)
        .query((rs, n) -> new Entry(rs.getString("id"), instant(rs.getObject("created_at", OffsetDateTime.class)),
            rs.getInt("score"), rs.getString("level"), rs.getString("size_class"), rs.getString("sector"))).list();
  }

  /** Per size class and sector: checks, mean score and how many fall in each band of 20 points. */
  public record Distribution(String sizeClass, String sector, long checks, double mean, long b0, long b20, long b40, long b60,
      long b80) {}

  public record Count(String key, long count) {}

  /** {@code sectors} null: every check; else only checks naming one of those sectors. */
  List<Distribution> distribution(Collection<String> sectors) {
    return jdbc.sql("""
        SELECT COALESCE(size_class, '') AS size_class, COALESCE(sector, '') AS sector, COUNT(*) AS checks,
          AVG(CAST(score AS DOUBLE PRECISION)) AS mean,
          SUM(CASE WHEN score < 20 THEN 1 ELSE 0 END) AS b0,
          SUM(CASE WHEN score >= 20 AND score < 40 THEN 1 ELSE 0 END) AS b20,
          SUM(CASE WHEN score >= 40 AND score < 60 THEN 1 ELSE 0 END) AS b40,
          SUM(CASE WHEN score >= 60 AND score < 80 THEN 1 ELSE 0 END) AS b60,
          SUM(CASE WHEN score >= 80 THEN 1 ELSE 0 END) AS b80
        FROM selfcheck_result WHERE """ + scope(sectors, "sector") + """
        GROUP BY COALESCE(size_class, ''), COALESCE(sector, '') ORDER BY 3 DESC, 1, 2""")
        .params(scopeParams(sectors))
        .query((rs, n) -> new Distribution(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9))).list();
  }

  List<Count> gaps(Collection<String> sectors, int limit) {
    return jdbc.sql("""
        SELECT g.question_id, COUNT(*) FROM selfcheck_gap g JOIN selfcheck_result r ON r.id = g.check_id
        WHERE """ + scope(sectors, "r.sector") + """
        GROUP BY g.question_id ORDER BY 2 DESC, 1 LIMIT :limit""").params(scopeParams(sectors)).param("limit", limit)
        .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2))).list();
  }

  List<Count> packages(Collection<String> sectors, int limit) {
    return jdbc.sql("""
        SELECT p.package, COUNT(*) FROM selfcheck_package p JOIN selfcheck_result r ON r.id = p.check_id
        WHERE """ + scope(sectors, "r.sector") + """
        GROUP BY p.package ORDER BY 2 DESC, 1 LIMIT :limit""").params(scopeParams(sectors)).param("limit", limit)
        .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2))).list();
  }

  private static String scope(Collection<String> sectors, String column) {
    return sectors == null ? " 1 = 1 " : sectors.isEmpty() ? " 1 = 0 " : " " + column + " IN (:sectors) ";
  }

  private static java.util.Map<String, Object> scopeParams(Collection<String> sectors) {
    return sectors == null || sectors.isEmpty() ? java.util.Map.of() : java.util.Map.of("sectors", List.copyOf(sectors));
  }

  private static Stored row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Stored(rs.getString("id"), instant(rs.getObject("created_at", OffsetDateTime.class)),
        rs.getInt("questionnaire_version"), rs.getString("lang"), rs.getString("size_class"), rs.getString("sector"),
        rs.getInt("score"), rs.getString("level"), rs.getString("answers"), rs.getString("result"),
        rs.getObject("org_id", UUID.class));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  @SuppressWarnings("unused")
  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
