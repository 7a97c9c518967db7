package io.haetae.server.identity.internal;

import io.haetae.server.identity.BusinessSize;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisation import's reads and batched writes. */
@Repository
public class ImportRepository {

  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ImportRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** What the import compares a row with. */
  public record Existing(UUID id, String name, String cisoEmail, String sector, String businessSize, String domains) {}

  /** An organisation to create or to update (by id). */
  public record NewRow(UUID id, String name, String email, String sector, BusinessSize size, String domains) {}

  public List<Existing> existing() {
    return jdbc.sql("SELECT id, name, ciso_email, sector, business_size, domains FROM identity_organisation ORDER BY created_at, id")
        .query((rs, n) -> new Existing(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("ciso_email"),
            rs.getString("sector"), rs.getString("business_size"), rs.getString("domains")))
        .list();
  }

  /** Adds the sectors not known yet (compared case-insensitively), named as first written. */
  public void addSectors(Map<String, String> codeToLabel) {
    var known = new HashSet<String>();
    for (String code : jdbc.sql("SELECT code FROM identity_sector").query(String.class).list()) known.add(code.toLowerCase(Locale.ROOT));
    var fresh = new ArrayList<Map.Entry<String, String>>();
    for (var e : codeToLabel.entrySet()) if (!known.contains(e.getKey())) fresh.add(e);
    template.batchUpdate("INSERT INTO identity_sector (code, name) VALUES (?, ?)", fresh, BATCH, (ps, e) -> {
      ps.setString(1, e.getKey());
      ps.setString(2, e.getValue().length() > 200 ? e.getValue().substring(0, 200) : e.getValue());
    });
  }

  public void insert(List<NewRow> rows) {
    Timestamp now = Timestamp.from(Instant.now());
    template.batchUpdate("""
        INSERT INTO identity_organisation (id, name, sector, ciso_email, operator, created_at, size_class, language,
          business_size, domains)
        VALUES (?, ?, ?, ?, FALSE, ?, ?, 'ko', ?, ?)""", rows, BATCH, (ps, r) -> {
          ps.setObject(1, r.id());
          ps.setString(2, r.name());
          ps.setString(3, r.sector());
          ps.setString(4, r.email());
          ps.setTimestamp(5, now);
          ps.setString(6, r.size().kind().name());
          ps.setString(7, r.size().name());
          ps.setString(8, r.domains());
        });
  }

  /** Name, sector, business size and domains; the kind (size_class), language and accounts stay. */
  public void update(List<NewRow> rows) {
    template.batchUpdate("""
        UPDATE identity_organisation SET name = ?, sector = ?, business_size = ?, domains = ? WHERE id = ?""",
        rows, BATCH, (ps, r) -> {
          ps.setString(1, r.name());
          ps.setString(2, r.sector());
          ps.setString(3, r.size().name());
          ps.setString(4, r.domains());
          ps.setObject(5, r.id());
        });
  }
}
