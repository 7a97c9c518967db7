package io.haetae.server.disclosure.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.disclosure.Report;
import io.haetae.server.disclosure.ReportSubmission;
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

/** Table {@code disclosure_report}; the submission's free-form parts live in its {@code details} JSON. */
@Repository
public class ReportRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS = "id, title, ecosystem, package_name, purl, details, tlp, origin_org, submitter, submitted_at, state";

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate template;

  ReportRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** Many reports in one batch statement (a mass disclosure): the caller's transaction makes it all or nothing. */
  public void insertAll(List<Report> reports) {
    template.batchUpdate("INSERT INTO disclosure_report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reports, 500,
        (ps, r) -> {
          ReportSubmission s = r.submission();
          ps.setObject(1, r.id());
          ps.setString(2, s.title());
          ps.setString(3, s.ecosystem());
          ps.setString(4, s.packageName());
          ps.setString(5, s.purl());
          ps.setString(6, details(s));
          ps.setString(7, r.marking().tlp().name());
          ps.setObject(8, r.marking().origin());
          ps.setString(9, r.submitter());
          ps.setObject(10, OffsetDateTime.ofInstant(r.submittedAt(), ZoneOffset.UTC));
          ps.setString(11, r.state().name());
        });
  }

  /** Every report naming one of these package names (any ecosystem: the caller keeps the ones it wants), oldest first. */
  public List<Report> naming(java.util.Collection<String> packageNames) {
    var out = new ArrayList<Report>();
    var names = List.copyOf(new java.util.TreeSet<>(packageNames));
    for (int from = 0; from < names.size(); from += 500) {
      out.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_report WHERE package_name IN (:names)")
          .param("names", names.subList(from, Math.min(names.size(), from + 500))).query(ReportRepository::report).list());
    }
    out.sort(java.util.Comparator.comparing(Report::submittedAt).thenComparing(r -> r.id().toString()));
    return out;
  }

  /** The reports with these ids. */
  public List<Report> findAll(java.util.Collection<UUID> ids) {
    var out = new ArrayList<Report>();
    var list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 500) {
      out.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_report WHERE id IN (:ids)")
          .param("ids", list.subList(from, Math.min(list.size(), from + 500))).query(ReportRepository::report).list());
    }
    return out;
  }

  /** The newest reports of every organisation, for operators' triage. */
  public List<Report> newest(int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_report ORDER BY submitted_at DESC, id FETCH FIRST " + limit + " ROWS ONLY")
        .query(ReportRepository::report).list();
  }

  /** Moves the report if it is still in {@code from}; false when another move came first. */
  public boolean move(UUID id, io.haetae.server.disclosure.ReportState from, io.haetae.server.disclosure.ReportState to) {
    return jdbc.sql("UPDATE disclosure_report SET state = :to WHERE id = :id AND state = :from")
        .param("to", to.name()).param("id", id).param("from", from.name()).update() == 1;
  }

  public void insert(Report r) {
    ReportSubmission s = r.submission();
    jdbc.sql("INSERT INTO disclosure_report (" + COLUMNS + ") VALUES (:id, :title, :ecosystem, :name, :purl, :details,"
            + " :tlp, :origin, :submitter, :at, :state)")
        .param("id", r.id()).param("title", s.title()).param("ecosystem", s.ecosystem()).param("name", s.packageName())
        .param("purl", s.purl()).param("details", details(s)).param("tlp", r.marking().tlp().name())
        .param("origin", r.marking().origin()).param("submitter", r.submitter())
        .param("at", OffsetDateTime.ofInstant(r.submittedAt(), ZoneOffset.UTC)).param("state", r.state().name())
        .update();
  }

  public Optional<Report> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_report WHERE id = :id").param("id", id)
        .query(ReportRepository::report).optional();
  }

  /**
   * The newest reports that might be the caller's to read: everything for national operators,
   * otherwise the own organisation's and the unrestricted (CLEAR, GREEN) ones. Reports carry no
   * audience sector, so this is a superset of what {@code TlpPolicy} admits; it makes the decision.
   */
  public List<Report> readableBy(Caller caller, int limit) {
    String where = caller.isOperator() ? "1 = 1" : "(origin_org = :org OR tlp IN ('CLEAR', 'GREEN'))";
    var sql = jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_report WHERE " + where
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
    d.put("cwe", s.cwe());
    d.put("vendor", s.vendor());
    return JSON.writeValueAsString(d);
  }

  private static Report report(ResultSet rs, int row) throws SQLException {
    JsonNode d = JSON.readTree(rs.getString("details"));
    var references = new ArrayList<String>();
    d.path("references").forEach(n -> references.add(n.asString()));
    Tlp tlp = Tlp.valueOf(rs.getString("tlp"));
    var submission = new ReportSubmission(rs.getString("title"), d.path("description").asString(), rs.getString("purl"),
        rs.getString("ecosystem"), rs.getString("package_name"), d.get("affectedVersions"), optional(d, "fixedVersion"),
        optional(d, "cvssVector"), references, tlp, optional(d, "cwe"), optional(d, "vendor"));
    return new Report(rs.getObject("id", UUID.class), submission, new Marking(tlp, rs.getObject("origin_org", UUID.class), null),
        rs.getString("submitter"), rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
        io.haetae.server.disclosure.ReportState.of(rs.getString("state")));
  }

  private static String optional(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
