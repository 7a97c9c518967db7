package io.haetae.server.knowledge.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.Report;
import io.haetae.server.knowledge.ReportSubmission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Table {@code knowledge_report}; the submission's free-form parts live in its {@code details} JSON. */
@Repository
public class ReportRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS = "id, title, ecosystem, package_name, purl, details, tlp, origin_org, submitter, submitted_at, state";

  private final JdbcClient jdbc;

  ReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Report r) {
    ReportSubmission s = r.submission();
    jdbc.sql("INSERT INTO knowledge_report (" + COLUMNS + ") VALUES (:id, :title, :ecosystem, :name, :purl, :details,"
            + " :tlp, :origin, :submitter, :at, :state)")
        .param("id", r.id()).param("title", s.title()).param("ecosystem", s.ecosystem()).param("name", s.packageName())
        .param("purl", s.purl()).param("details", details(s)).param("tlp", r.marking().tlp().name())
        .param("origin", r.marking().origin()).param("submitter", r.submitter())
        .param("at", OffsetDateTime.ofInstant(r.submittedAt(), ZoneOffset.UTC)).param("state", r.state())
        .update();
  }

  public Optional<Report> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_report WHERE id = :id").param("id", id)
        .query(ReportRepository::report).optional();
  }

  /**
   * The newest reports that might be the caller's to read: everything for national operators,
   * otherwise the own organisation's and the unrestricted (CLEAR, GREEN) ones. Reports carry no
   * audience sector, so this is a superset of what {@code TlpPolicy} admits; it makes the decision.
   */
  public List<Report> readableBy(Caller caller, int limit) {
    String where = caller.isOperator() ? "1 = 1" : "(origin_org = :org OR tlp IN ('CLEAR', 'GREEN'))";
    var sql = jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_report WHERE " + where
        + " ORDER BY submitted_at DESC, id FETCH FIRST " + limit + " ROWS ONLY");
    if (!caller.isOperator()) sql = sql.param("org", caller.orgId());
    return sql.query(ReportRepository::report).list();
  }

  private static String details(ReportSubmission s) {
    ObjectNode d = JSON.createObjectNode();
    d.put("description", s.description());
    d.set("affectedVersions", s.affectedVersions());
    d.put("fixedVersion", s.fixedVersion());
    d.put("cvssVector", s.cvssVector());
    d.set("references", JSON.valueToTree(s.references()));
    return JSON.writeValueAsString(d);
  }

  private static Report report(ResultSet rs, int row) throws SQLException {
    JsonNode d = JSON.readTree(rs.getString("details"));
    var references = new ArrayList<String>();
    d.path("references").forEach(n -> references.add(n.asString()));
    Tlp tlp = Tlp.valueOf(rs.getString("tlp"));
    var submission = new ReportSubmission(rs.getString("title"), d.path("description").asString(), rs.getString("purl"),
        rs.getString("ecosystem"), rs.getString("package_name"), d.get("affectedVersions"), optional(d, "fixedVersion"),
        optional(d, "cvssVector"), references, tlp);
    return new Report(rs.getObject("id", UUID.class), submission, new Marking(tlp, rs.getObject("origin_org", UUID.class), null),
        rs.getString("submitter"), rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), rs.getString("state"));
  }

  private static String optional(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
