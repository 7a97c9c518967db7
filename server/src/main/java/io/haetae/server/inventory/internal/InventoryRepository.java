package io.haetae.server.inventory.internal;

import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.inventory.Project;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.inventory.Upload;
import io.haetae.server.jdbc.BulkInsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InventoryRepository {

  /** Keeps IN lists and batches to a size both H2 and PostgreSQL take comfortably. */
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate template;
  private final BulkInsert bulk;

  InventoryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate template, BulkInsert bulk) {
    this.bulk = bulk;
    this.jdbc = jdbc;
    this.template = template;
  }

  public void insertProject(Project p) {
    jdbc.sql("""
        INSERT INTO inventory_project (id, org_id, name, version, created_at)
        VALUES (:id, :org, :name, :version, :now)""")
        .param("id", p.id()).param("org", p.orgId()).param("name", p.name())
        .param("version", p.version()).param("now", utc(p.createdAt()))
        .update();
  }

  public void touchProject(UUID id, Instant at) {
    jdbc.sql("UPDATE inventory_project SET last_bom_at = :at WHERE id = :id")
        .param("at", utc(at)).param("id", id).update();
  }

  public void deleteProject(UUID id) {
    jdbc.sql("DELETE FROM inventory_component WHERE project_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM inventory_bom_upload WHERE project_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM inventory_project WHERE id = :id").param("id", id).update();
  }

  public List<io.haetae.server.inventory.InventoryService.ProjectSize> projectSizes() {
    return jdbc.sql("""
        SELECT p.id, p.org_id, p.name, p.version, p.created_at, p.last_bom_at, p.internet_facing,
          (SELECT COUNT(*) FROM inventory_component c WHERE c.project_id = p.id) AS components
        FROM inventory_project p ORDER BY p.id""")
        .query((rs, n) -> new io.haetae.server.inventory.InventoryService.ProjectSize(project(rs, n), rs.getInt("components")))
        .list();
  }

  public Optional<Project> findProject(TenantScope scope, UUID id) {
    return scope.bind(jdbc.sql(SELECT_PROJECT + " WHERE id = :id AND " + scope.on("org_id")))
        .param("id", id).query(InventoryRepository::project).optional();
  }

  /** Whether the project exists at all: only to audit a refused access, never to answer differently. */
  /** The projects among {@code ids} marked internet-facing. */
  public java.util.Set<UUID> internetFacing(Collection<UUID> ids) {
    var out = new java.util.HashSet<UUID>();
    var list = List.copyOf(ids);
    for (int from = 0; from < list.size(); from += 1000) {
      out.addAll(jdbc.sql("SELECT id FROM inventory_project WHERE internet_facing = TRUE AND id IN (:ids)")
          .param("ids", list.subList(from, Math.min(list.size(), from + 1000))).query(UUID.class).list());
    }
    return out;
  }

  /** Sets the mark; true when it changed. */
  public boolean markInternetFacing(UUID id, boolean facing) {
    return jdbc.sql("UPDATE inventory_project SET internet_facing = :f WHERE id = :id AND internet_facing <> :f")
        .param("f", facing).param("id", id).update() > 0;
  }

  public boolean projectExists(UUID id) {
    return jdbc.sql("SELECT COUNT(*) FROM inventory_project WHERE id = :id").param("id", id).query(Long.class).single() > 0;
  }

  public Optional<Project> findProject(TenantScope scope, String name, String version) {
    return scope.bind(jdbc.sql(SELECT_PROJECT + " WHERE name = :name AND version = :version AND " + scope.on("org_id")))
        .param("name", name).param("version", version)
        .query(InventoryRepository::project).optional();
  }

  public List<Project> findProjects(TenantScope scope, String name) {
    if (name == null) {
      return scope.bind(jdbc.sql(SELECT_PROJECT + " WHERE " + scope.on("org_id") + " ORDER BY name, version"))
          .query(InventoryRepository::project).list();
    }
    return scope.bind(jdbc.sql(SELECT_PROJECT + " WHERE name = :name AND " + scope.on("org_id") + " ORDER BY version"))
        .param("name", name).query(InventoryRepository::project).list();
  }

  private static final BulkInsert.Table COMPONENT = new BulkInsert.Table("inventory_component",
      List.of("id", "project_id", "org_id", "name", "grp", "version", "purl", "cpe", "ecosystem", "package_name"));

  /** The project's components become these: one COPY on PostgreSQL rather than a statement per component. */
  public void replaceComponents(UUID projectId, List<StoredComponent> components) {
    jdbc.sql("DELETE FROM inventory_component WHERE project_id = :id").param("id", projectId).update();
    bulk.insert(COMPONENT, components.stream().map(c -> new Object[] {c.id(), c.projectId(), c.orgId(), c.name(), c.group(),
        c.version(), c.purl(), c.cpe(), c.ecosystem(), c.packageName()}).toList());
  }

  public List<StoredComponent> componentsOf(UUID projectId) {
    return jdbc.sql(SELECT_COMPONENT + " WHERE project_id = :id").param("id", projectId)
        .query(InventoryRepository::component).list();
  }

  public List<StoredComponent> componentsByPackage(Collection<PackageKey> keys) {
    var out = new ArrayList<StoredComponent>();
    for (var group : PackageKey.chunkedByEcosystem(keys, CHUNK)) {
      out.addAll(template.query(SELECT_COMPONENT + " WHERE ecosystem = :e AND package_name IN (:names)",
          new MapSqlParameterSource("e", group.getKey().name()).addValue("names", group.getValue()),
          InventoryRepository::component));
    }
    return out;
  }

  public void insertUpload(Upload u) {
    jdbc.sql("""
        INSERT INTO inventory_bom_upload (token, project_id, org_id, format, components, received_at)
        VALUES (:token, :project, :org, :format, :components, :at)""")
        .param("token", u.token()).param("project", u.projectId()).param("org", u.orgId())
        .param("format", u.format()).param("components", u.components()).param("at", utc(u.receivedAt()))
        .update();
  }

  public void completeUpload(UUID token, Instant at, int findings, long tookMs) {
    jdbc.sql("UPDATE inventory_bom_upload SET processed_at = :at, findings = :findings, took_ms = :took WHERE token = :token")
        .param("at", utc(at)).param("findings", findings).param("took", tookMs).param("token", token)
        .update();
  }

  public Optional<Upload> findUpload(TenantScope scope, UUID token) {
    return scope.bind(jdbc.sql("""
        SELECT token, project_id, org_id, format, components, received_at, processed_at, findings, took_ms
        FROM inventory_bom_upload WHERE token = :token AND \s""" + scope.on("org_id")))
        .param("token", token)
        .query((rs, n) -> new Upload(rs.getObject("token", UUID.class), rs.getObject("project_id", UUID.class),
            rs.getObject("org_id", UUID.class), rs.getString("format"), rs.getInt("components"),
            instant(rs, "received_at"), instant(rs, "processed_at"),
            (Integer) rs.getObject("findings", Integer.class), (Long) rs.getObject("took_ms", Long.class)))
        .optional();
  }

  private static final String SELECT_PROJECT =
      "SELECT id, org_id, name, version, created_at, last_bom_at, internet_facing FROM inventory_project";

  private static final String SELECT_COMPONENT = """
      SELECT id, project_id, org_id, name, grp, version, purl, cpe, ecosystem, package_name
      FROM inventory_component""";

  private static Project project(ResultSet rs, int n) throws SQLException {
    return new Project(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
        rs.getString("version"), instant(rs, "created_at"), instant(rs, "last_bom_at"), rs.getBoolean("internet_facing"));
  }

  private static StoredComponent component(ResultSet rs, int n) throws SQLException {
    return new StoredComponent(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
        rs.getObject("org_id", UUID.class), rs.getString("name"), rs.getString("grp"), rs.getString("version"),
        rs.getString("purl"), rs.getString("cpe"), rs.getString("ecosystem"), rs.getString("package_name"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }
}
