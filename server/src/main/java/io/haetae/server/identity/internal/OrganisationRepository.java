package io.haetae.server.identity.internal;

import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
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
        INSERT INTO identity_organisation (id, name, sector, ciso_email, operator, created_at, size_class, language)
        VALUES (:id, :name, :sector, :email, :operator, :createdAt, :size, :language)""")
        .param("id", org.id()).param("name", org.name()).param("sector", org.sector())
        .param("email", org.cisoEmail()).param("operator", org.operator())
        .param("createdAt", utc(org.createdAt())).param("size", org.sizeClass().name())
        .param("language", org.language())
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
    jdbc.sql("UPDATE identity_user SET password_hash = :hash, failed_sign_ins = 0, locked_until = NULL WHERE email = :email")
        .param("hash", passwordHash).param("email", email).update();
  }

  public boolean userExists(String email) {
    return jdbc.sql("SELECT COUNT(*) FROM identity_user WHERE email = :email")
        .param("email", email).query(Long.class).single() > 0;
  }

  public void insertKey(UUID orgId, String hash, String prefix, String name, Role role) {
    jdbc.sql("""
        INSERT INTO identity_api_key (id, org_id, key_hash, key_prefix, created_at, name, role)
        VALUES (:id, :org, :hash, :prefix, :now, :name, :role)""")
        .param("id", UUID.randomUUID()).param("org", orgId).param("hash", hash)
        .param("prefix", prefix).param("now", utc(Instant.now())).param("name", name)
        .param("role", role == null ? null : role.name())
        .update();
  }

  /** The caller a key stands for; its last-used time is updated on the way (at most once a minute). */
  public Optional<Caller> findByKeyHash(String hash) {
    var found = jdbc.sql("""
        SELECT o.id, o.name, o.operator, k.key_prefix, k.role, k.name AS key_name
        FROM identity_api_key k JOIN identity_organisation o ON o.id = k.org_id
        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
        .param("hash", hash)
        .query((rs, n) -> {
          UUID org = rs.getObject("id", UUID.class);
          String keyRole = rs.getString("role");
          Role role = keyRole != null ? Role.valueOf(keyRole) : rs.getBoolean("operator") ? Role.OPERATOR : Role.CISO;
          return new Caller(org, rs.getString("name"), "api-key " + rs.getString("key_prefix") + "… (" + rs.getString("key_name") + ")",
              role, Set.of());
        })
        .optional();
    // To the minute: a CI pipeline's every request need not be a write on the key's row.
    Instant now = Instant.now();
    found.ifPresent(c -> jdbc.sql("""
        UPDATE identity_api_key SET last_used_at = :now
        WHERE key_hash = :hash AND (last_used_at IS NULL OR last_used_at < :stale)""")
        .param("now", utc(now)).param("hash", hash).param("stale", utc(now.minusSeconds(60))).update());
    return found.map(this::withSectors);
  }

  public List<ApiKeyRow> keysOf(UUID orgId) {
    return jdbc.sql("""
        SELECT id, key_prefix, name, role, created_at, last_used_at, revoked_at FROM identity_api_key
        WHERE org_id = :org ORDER BY created_at DESC""")
        .param("org", orgId)
        .query((rs, n) -> new ApiKeyRow(rs.getObject("id", UUID.class), rs.getString("key_prefix"), rs.getString("name"),
            rs.getString("role"), instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")))
        .list();
  }

  /** Revokes a key of the organisation; false when the organisation has no such live key. */
  public boolean revokeKey(UUID orgId, UUID keyId) {
    return jdbc.sql("UPDATE identity_api_key SET revoked_at = :now WHERE id = :id AND org_id = :org AND revoked_at IS NULL")
        .param("now", utc(Instant.now())).param("id", keyId).param("org", orgId).update() == 1;
  }

  public Optional<SignedInUser> findUser(String email) {
    return jdbc.sql("""
        SELECT u.email, u.password_hash, u.role, u.locked_until, u.totp_enabled, o.id, o.name
        FROM identity_user u JOIN identity_organisation o ON o.id = u.org_id
        WHERE u.email = :email""")
        .param("email", email)
        .query((rs, n) -> new SignedInUser(rs.getString("email"), rs.getString("password_hash"),
            new Caller(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"),
                Role.valueOf(rs.getString("role"))), instant(rs, "locked_until"), rs.getBoolean("totp_enabled")))
        .optional()
        .map(u -> new SignedInUser(u.email(), u.passwordHash(), withSectors(u.caller()), u.lockedUntil(), u.secondFactor()));
  }

  /** A sector operator's sectors are those its ministry supervises; anyone else's, their organisation's own. */
  Caller withSectors(Caller caller) {
    var sectors = caller.role() == Role.SECTOR_OPERATOR
        ? jdbc.sql("SELECT code FROM identity_sector WHERE ministry_id = :org").param("org", caller.orgId()).query(String.class).list()
        : jdbc.sql("SELECT sector FROM identity_organisation WHERE id = :org AND sector IS NOT NULL")
            .param("org", caller.orgId()).query(String.class).list();
    return new Caller(caller.orgId(), caller.orgName(), caller.name(), caller.role(), Set.copyOf(sectors));
  }

  /** Counts a failed sign-in; from the given count on, the account is locked until {@code lockUntil}. */
  public void recordFailedSignIn(String email, int lockAfter, Instant lockUntil) {
    jdbc.sql("UPDATE identity_user SET failed_sign_ins = failed_sign_ins + 1 WHERE email = :email")
        .param("email", email).update();
    jdbc.sql("UPDATE identity_user SET locked_until = :until, failed_sign_ins = 0 WHERE email = :email AND failed_sign_ins >= :n")
        .param("until", utc(lockUntil)).param("email", email).param("n", lockAfter).update();
  }

  public void recordSuccessfulSignIn(String email) {
    jdbc.sql("UPDATE identity_user SET failed_sign_ins = 0, locked_until = NULL WHERE email = :email")
        .param("email", email).update();
  }

  public List<UserRow> usersOf(UUID orgId) {
    return jdbc.sql("SELECT id, email, role, created_at, locked_until, totp_enabled FROM identity_user WHERE org_id = :org ORDER BY email")
        .param("org", orgId)
        .query((rs, n) -> new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), Role.valueOf(rs.getString("role")),
            instant(rs, "created_at"), instant(rs, "locked_until"), rs.getBoolean("totp_enabled")))
        .list();
  }

  public boolean updateRole(UUID orgId, UUID userId, Role role) {
    return jdbc.sql("UPDATE identity_user SET role = :role WHERE id = :id AND org_id = :org")
        .param("role", role.name()).param("id", userId).param("org", orgId).update() == 1;
  }

  public boolean deleteUser(UUID orgId, UUID userId) {
    return jdbc.sql("DELETE FROM identity_user WHERE id = :id AND org_id = :org")
        .param("id", userId).param("org", orgId).update() == 1;
  }

  public Optional<String> totpSecret(String email) {
    return jdbc.sql("SELECT totp_secret FROM identity_user WHERE email = :email AND totp_secret IS NOT NULL")
        .param("email", email).query(String.class).optional();
  }

  public void setTotpSecret(String email, String secret) {
    jdbc.sql("UPDATE identity_user SET totp_secret = :secret, totp_enabled = FALSE WHERE email = :email")
        .param("secret", secret).param("email", email).update();
  }

  /**
   * Accepts a code's time step once only (RFC 6238 section 5.2: a verifier must not accept the
   * same OTP twice); enables the second factor on first use.
   */
  public boolean useTotpStep(String email, long step) {
    return jdbc.sql("UPDATE identity_user SET totp_last_step = :step, totp_enabled = TRUE WHERE email = :email AND totp_last_step < :step")
        .param("step", step).param("email", email).update() == 1;
  }

  /** Names the ministry supervising a sector, adding the sector (named {@code name}) if it is not listed. */
  public void upsertSector(String code, String name, UUID ministry) {
    int updated = jdbc.sql("UPDATE identity_sector SET ministry_id = :ministry WHERE code = :code")
        .param("ministry", ministry).param("code", code).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO identity_sector (code, name, ministry_id) VALUES (:code, :name, :ministry)")
          .param("code", code).param("name", name).param("ministry", ministry).update();
    }
  }

  /** Adds a sector to the list; false when the code is listed already. */
  public boolean insertSector(io.haetae.server.identity.Sector sector) {
    if (findSector(sector.code()).isPresent()) return false;
    jdbc.sql("INSERT INTO identity_sector (code, name, name_ko) VALUES (:code, :en, :ko)")
        .param("code", sector.code()).param("en", sector.nameEn()).param("ko", sector.nameKo()).update();
    return true;
  }

  public Optional<io.haetae.server.identity.Sector> findSector(String code) {
    return jdbc.sql("SELECT code, name, name_ko FROM identity_sector WHERE code = :code").param("code", code)
        .query((rs, n) -> new io.haetae.server.identity.Sector(rs.getString("code"), rs.getString("name"), rs.getString("name_ko")))
        .optional();
  }

  public List<io.haetae.server.identity.Sector> sectors() {
    return jdbc.sql("SELECT code, name, name_ko FROM identity_sector ORDER BY code")
        .query((rs, n) -> new io.haetae.server.identity.Sector(rs.getString("code"), rs.getString("name"), rs.getString("name_ko")))
        .list();
  }

  public void insertInvitation(String tokenHash, UUID orgId, String email, Role role, String createdBy, Instant expires) {
    jdbc.sql("""
        INSERT INTO identity_invitation (token_hash, org_id, email, role, created_by, created_at, expires_at)
        VALUES (:hash, :org, :email, :role, :by, :now, :expires)""")
        .param("hash", tokenHash).param("org", orgId).param("email", email).param("role", role.name())
        .param("by", createdBy).param("now", utc(Instant.now())).param("expires", utc(expires))
        .update();
  }

  /** Sets the language of the organisation's mail; false when it was that already. */
  boolean updateLanguage(UUID orgId, String language) {
    return jdbc.sql("UPDATE identity_organisation SET language = :language WHERE id = :id AND language <> :language")
        .param("language", language).param("id", orgId).update() == 1;
  }

  /** The organisation's invitations not accepted and not expired, newest first, with where their mail stands. */
  List<OpenInvitation> openInvitationsOf(UUID orgId, Instant now) {
    return jdbc.sql("""
        SELECT email, role, created_at, expires_at, mailed_at, mail_problem FROM identity_invitation
        WHERE org_id = :org AND accepted_at IS NULL AND expires_at > :now ORDER BY created_at DESC""")
        .param("org", orgId).param("now", utc(now))
        .query((rs, n) -> {
          Instant mailed = instant(rs, "mailed_at");
          String problem = rs.getString("mail_problem");
          MailStatus mail = mailed != null ? new MailStatus.Sent(mailed)
              : problem != null ? new MailStatus.NotSentYet(problem) : new MailStatus.Queued();
          return new OpenInvitation(rs.getString("email"), Role.valueOf(rs.getString("role")), instant(rs, "created_at"),
              instant(rs, "expires_at"), mail);
        })
        .list();
  }

  public record OpenInvitation(String email, Role role, Instant createdAt, Instant expiresAt, MailStatus mail) {}

  /** Where the invitation's mail stands; queued when no attempt has finished. */
  MailStatus invitationMail(String tokenHash) {
    return jdbc.sql("SELECT mailed_at, mail_problem FROM identity_invitation WHERE token_hash = :hash")
        .param("hash", tokenHash)
        .query((rs, n) -> {
          Instant mailed = instant(rs, "mailed_at");
          String problem = rs.getString("mail_problem");
          return mailed != null ? (MailStatus) new MailStatus.Sent(mailed)
              : problem != null ? new MailStatus.NotSentYet(problem) : new MailStatus.Queued();
        })
        .optional().orElseGet(MailStatus.Queued::new);
  }

  void invitationMailed(String tokenHash, Instant at) {
    jdbc.sql("UPDATE identity_invitation SET mailed_at = :at, mail_problem = NULL WHERE token_hash = :hash")
        .param("at", utc(at)).param("hash", tokenHash).update();
  }

  void invitationNotMailed(String tokenHash, String problem) {
    jdbc.sql("UPDATE identity_invitation SET mail_problem = :problem WHERE token_hash = :hash AND mailed_at IS NULL")
        .param("problem", problem == null ? "unknown" : problem.length() > 300 ? problem.substring(0, 300) : problem)
        .param("hash", tokenHash).update();
  }

  /** The open invitation for a token: not accepted yet and not expired. */
  public Optional<InvitationRow> openInvitation(String tokenHash, Instant now) {
    return jdbc.sql("""
        SELECT token_hash, org_id, email, role FROM identity_invitation
        WHERE token_hash = :hash AND accepted_at IS NULL AND expires_at > :now""")
        .param("hash", tokenHash).param("now", utc(now))
        .query((rs, n) -> new InvitationRow(rs.getString("token_hash"), rs.getObject("org_id", UUID.class),
            rs.getString("email"), Role.valueOf(rs.getString("role"))))
        .optional();
  }

  /** Marks the invitation used; false when another request used it first. */
  public boolean acceptInvitation(String tokenHash, Instant now) {
    return jdbc.sql("UPDATE identity_invitation SET accepted_at = :now WHERE token_hash = :hash AND accepted_at IS NULL")
        .param("now", utc(now)).param("hash", tokenHash).update() == 1;
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

  /** Organisations within a scope: {@code scope} is a {@link io.haetae.server.identity.TenantScope}. */
  public List<Organisation> findAll(io.haetae.server.identity.TenantScope scope) {
    return scope.bind(jdbc.sql(SELECT_ORG + " WHERE " + scope.on("id") + " ORDER BY name")).query(ORG).list();
  }

  public record ApiKeyRow(UUID id, String prefix, String name, String role, Instant createdAt, Instant lastUsedAt,
      Instant revokedAt) {}

  public record UserRow(UUID id, String email, Role role, Instant createdAt, Instant lockedUntil, boolean secondFactor) {}

  public record InvitationRow(String tokenHash, UUID orgId, String email, Role role) {}

  private static final String SELECT_ORG =
      "SELECT id, name, sector, ciso_email, operator, created_at, size_class, language FROM identity_organisation";

  private static final RowMapper<Organisation> ORG = (rs, n) -> new Organisation(
      rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("sector"),
      rs.getString("ciso_email"), rs.getBoolean("operator"),
      rs.getObject("created_at", OffsetDateTime.class).toInstant(), SizeClass.valueOf(rs.getString("size_class")),
      rs.getString("language"));

  static Instant instant(ResultSet rs, String column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public List<String> emailsOf(UUID orgId, List<String> roles) {
    return jdbc.sql("SELECT email FROM identity_user WHERE org_id = :o AND role IN (:roles) ORDER BY email")
        .param("o", orgId).param("roles", roles).query(String.class).list();
  }

  /** The users of a role, each with its organisation's language (for mail in that language). */
  public List<Addressee> addresseesWithRole(String role) {
    return jdbc.sql("""
        SELECT o.id, o.name, u.email, o.language, o.sector FROM identity_user u JOIN identity_organisation o ON o.id = u.org_id
        WHERE u.role = :r ORDER BY u.email""")
        .param("r", role).query(OrganisationRepository::addressee).list();
  }

  /** The sector operators of the ministry supervising the organisation's sector, each in its ministry's language. */
  public List<Addressee> sectorOperatorAddressees(UUID orgId) {
    return jdbc.sql("""
        SELECT m.id, m.name, u.email, m.language, m.sector FROM identity_user u
        JOIN identity_organisation m ON m.id = u.org_id
        JOIN identity_sector s ON s.ministry_id = u.org_id
        JOIN identity_organisation o ON o.sector = s.code
        WHERE o.id = :o AND u.role = 'SECTOR_OPERATOR' ORDER BY u.email""")
        .param("o", orgId).query(OrganisationRepository::addressee).list();
  }

  private static Addressee addressee(ResultSet rs, int row) throws SQLException {
    return new Addressee(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getString(5));
  }
}
