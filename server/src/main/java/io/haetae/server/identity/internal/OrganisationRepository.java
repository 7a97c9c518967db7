package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganisationRepository {

  private final JdbcClient jdbc;

  OrganisationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Organisation org) {
    jdbc.sql("""
        INSERT INTO identity_organisation (id, name, sector, ciso_email, operator, created_at)
        VALUES (:id, :name, :sector, :email, :operator, :createdAt)""")
        .param("id", org.id()).param("name", org.name()).param("sector", org.sector())
        .param("email", org.cisoEmail()).param("operator", org.operator())
        .param("createdAt", utc(org.createdAt()))
        .update();
  }

  public void insertUser(UUID orgId, String email, String passwordHash, Role role) {
    jdbc.sql("""
        INSERT INTO identity_user (id, org_id, email, password_hash, role, created_at)
        VALUES (:id, :org, :email, :hash, :role, :now)""")
        .param("id", UUID.randomUUID()).param("org", orgId).param("email", email)
        .param("hash", passwordHash).param("role", role.name()).param("now", utc(Instant.now()))
        .update();
  }

  public void updatePassword(String email, String passwordHash) {
    jdbc.sql("UPDATE identity_user SET password_hash = :hash WHERE email = :email")
        .param("hash", passwordHash).param("email", email).update();
  }

  public boolean userExists(String email) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_user WHERE email = :email")
        .param("email", email).query(Long.class).single() > 0;
  }

  public void insertKey(UUID orgId, String hash, String prefix) {
    jdbc.sql("""
        INSERT INTO identity_api_key (id, org_id, key_hash, key_prefix, created_at)
        VALUES (:id, :org, :hash, :prefix, :now)""")
        .param("id", UUID.randomUUID()).param("org", orgId).param("hash", hash)
        .param("prefix", prefix).param("now", utc(Instant.now()))
        .update();
  }

  public Optional<Caller> findByKeyHash(String hash) {
    return jdbc.sql("""
        SELECT o.id, o.name, o.operator, k.key_prefix
        FROM identity_api_key k JOIN identity_organisation o ON o.id = k.org_id
        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
        .param("hash", hash)
        .query((rs, n) -> new Caller(rs.getObject("id", UUID.class), rs.getString("name"),
            "api-key " + rs.getString("key_prefix") + "…",
            rs.getBoolean("operator") ? Role.OPERATOR : Role.CISO))
        .optional();
  }

  public Optional<SignedInUser> findUser(String email) {
    return jdbc.sql("""
        SELECT u.email, u.password_hash, u.role, o.id, o.name
        FROM identity_user u JOIN identity_organisation o ON o.id = u.org_id
        WHERE u.email = :email""")
        .param("email", email)
        .query((rs, n) -> new SignedInUser(rs.getString("email"), rs.getString("password_hash"),
            new Caller(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"),
                Role.valueOf(rs.getString("role")))))
        .optional();
  }

  public Optional<Organisation> findById(UUID id) {
    return jdbc.sql(SELECT_ORG + " WHERE id = :id").param("id", id).query(ORG).optional();
  }

  public Optional<Organisation> findByName(String name) {
    return jdbc.sql(SELECT_ORG + " WHERE name = :name").param("name", name).query(ORG).optional();
  }

  public List<Organisation> findAll() {
    return jdbc.sql(SELECT_ORG + " ORDER BY name").query(ORG).list();
  }

  private static final String SELECT_ORG =
      "SELECT id, name, sector, ciso_email, operator, created_at FROM identity_organisation";

  private static final org.springframework.jdbc.core.RowMapper<Organisation> ORG = (rs, n) -> new Organisation(
      rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("sector"),
      rs.getString("ciso_email"), rs.getBoolean("operator"),
      rs.getObject("created_at", OffsetDateTime.class).toInstant());

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
