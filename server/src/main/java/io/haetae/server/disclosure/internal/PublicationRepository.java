package io.haetae.server.disclosure.internal;

import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.web.SqlValues;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The advisories published from reports and their signed CSAF documents (disclosure_advisory). */
@Repository
public class PublicationRepository {

  /** One published advisory: the CSAF bytes exactly as hashed and signed. */
  public record Published(String id, UUID reportId, int year, Marking marking, String title, String fileName,
      Instant publishedAt, String publishedBy, String csaf, String sha256, String sha512, String signature) {}

  private static final String COLUMNS = "id, report_id, pub_year, seq, tlp, origin, sector, title, file_name, published_at, "
      + "published_by, csaf, sha256, sha512, signature";

  private final JdbcClient jdbc;

  PublicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The next number of a year; the unique (year, seq) refuses a twin taken meanwhile. */
  int nextSeq(int year) {
    return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM disclosure_advisory WHERE pub_year = :y").param("y", year)
        .query(Integer.class).single();
  }

  void insert(Published p, int seq) {
    jdbc.sql("INSERT INTO disclosure_advisory (" + COLUMNS + ") VALUES (:id, :report, :year, :seq, :tlp, :origin, :sector,"
        + " :title, :file, :at, :by, :csaf, :sha256, :sha512, :sig)")
        .param("id", p.id()).param("report", p.reportId()).param("year", p.year()).param("seq", seq)
        .param("tlp", p.marking().tlp().name()).param("origin", p.marking().origin()).param("sector", p.marking().sector())
        .param("title", SqlValues.clip(p.title(), 500)).param("file", p.fileName()).param("at", SqlValues.utc(p.publishedAt()))
        .param("by", p.publishedBy()).param("csaf", p.csaf()).param("sha256", p.sha256()).param("sha512", p.sha512())
        .param("sig", p.signature()).update();
  }

  Optional<Published> ofReport(UUID reportId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_advisory WHERE report_id = :r").param("r", reportId)
        .query(PublicationRepository::row).optional();
  }

  Optional<Published> find(int year, String fileName) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_advisory WHERE pub_year = :y AND file_name = :f")
        .param("y", year).param("f", fileName).query(PublicationRepository::row).optional();
  }

  /** Every advisory of these labels, newest first, without the document and signature (feeds list thousands). */
  List<Published> withTlp(List<Tlp> labels) {
    String columns = COLUMNS.replace("csaf,", "CAST(NULL AS VARCHAR(1)) AS csaf,").replace("signature", "CAST(NULL AS VARCHAR(1)) AS signature");
    return jdbc.sql("SELECT " + columns + " FROM disclosure_advisory WHERE tlp IN (:t) ORDER BY published_at DESC, id")
        .param("t", labels.stream().map(Tlp::name).toList()).query(PublicationRepository::row).list();
  }

  /** When the newest document was published; empty before the first. */
  Optional<Instant> lastPublished() {
    return jdbc.sql("SELECT MAX(published_at) FROM disclosure_advisory")
        .query((rs, n) -> Optional.ofNullable(SqlValues.instant(rs, 1))).single();
  }

  private static Published row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    String origin = rs.getString("origin");
    var marking = new Marking(Tlp.valueOf(rs.getString("tlp")), origin == null ? null : UUID.fromString(origin), rs.getString("sector"));
    return new Published(rs.getString("id"), UUID.fromString(rs.getString("report_id")), rs.getInt("pub_year"), marking,
        rs.getString("title"), rs.getString("file_name"), SqlValues.instant(rs, "published_at"), rs.getString("published_by"),
        rs.getString("csaf"), rs.getString("sha256"), rs.getString("sha512"), rs.getString("signature"));
  }
}
