package io.haetae.server.identity.internal;

import io.haetae.server.identity.Addressee;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for {@link io.haetae.server.identity.OrganisationDirectory}. */
@Repository
public class DirectoryRepository {

  /** Ids per IN list: PostgreSQL allows 32,767 parameters per statement. */
  private static final int CHUNK = 10_000;

  private final JdbcClient jdbc;

  DirectoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Addressee> addressees(boolean everyone, Set<String> sectors, Set<String> sizes, Set<UUID> ids) {
    var where = new StringBuilder(" WHERE 1 = 1");
    var params = new HashMap<String, Object>();
    if (!everyone) {
      if (!sectors.isEmpty()) {
        where.append(" AND LOWER(sector) IN (:sectors)");
        params.put("sectors", sectors);
      }
      if (!sizes.isEmpty()) {
        where.append(" AND business_size IN (:sizes)");
        params.put("sizes", sizes);
      }
    }
    String sql = "SELECT id, name, ciso_email, language, sector FROM identity_organisation" + where;
    if (everyone || ids.isEmpty()) return query(sql + " ORDER BY id", params);
    var result = new ArrayList<Addressee>();
    var all = new ArrayList<>(ids);
    for (int i = 0; i < all.size(); i += CHUNK) {
      var chunk = new HashMap<>(params);
      chunk.put("ids", all.subList(i, Math.min(all.size(), i + CHUNK)));
      result.addAll(query(sql + " AND id IN (:ids) ORDER BY id", chunk));
    }
    return result;
  }

  private List<Addressee> query(String sql, Map<String, Object> params) {
    return jdbc.sql(sql).params(params)
        .query((rs, n) -> new Addressee(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("ciso_email"),
            rs.getString("language"), rs.getString("sector")))
        .list();
  }

  public List<String> sectorCodes() {
    return jdbc.sql("SELECT code FROM identity_sector ORDER BY code").query(String.class).list();
  }

  public Map<UUID, String> sectorsOf(Collection<UUID> ids) {
    var result = new HashMap<UUID, String>();
    var all = new ArrayList<>(Set.copyOf(ids));
    for (int i = 0; i < all.size(); i += CHUNK) {
      jdbc.sql("SELECT id, sector FROM identity_organisation WHERE id IN (:ids)")
          .param("ids", all.subList(i, Math.min(all.size(), i + CHUNK)))
          .query((rs, n) -> result.put(rs.getObject("id", UUID.class),
              io.haetae.server.identity.OrganisationDirectory.sectorCode(rs.getString("sector"))))
          .list();
    }
    return result;
  }
}
