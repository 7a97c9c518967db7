package io.haetae.server.identity;

import io.haetae.server.identity.internal.OrganisationRepository;
import io.haetae.server.identity.internal.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates organisations with their CISO account and API key; resolves API keys to callers. */
@Service
public class OrganisationService {

  private final OrganisationRepository repository;
  private final PasswordEncoder passwords;
  private final AuditLog audit;

  OrganisationService(OrganisationRepository repository, PasswordEncoder passwords, AuditLog audit) {
    this.repository = repository;
    this.passwords = passwords;
    this.audit = audit;
  }

  /**
   * Creates an organisation, its CISO's account and a first API key.
   *
   * @throws IllegalArgumentException when the name or e-mail is invalid or already taken
   */
  @Transactional
  public NewOrganisation create(String name, String cisoEmail, String sector, boolean operator) {
    return create(name, cisoEmail, sector, operator ? SizeClass.AGENCY : SizeClass.LARGE_COMPANY,
        operator ? Role.OPERATOR : Role.CISO);
  }

  /**
   * Creates an organisation of a size class whose first user has the given role (CISO for
   * companies, SECTOR_OPERATOR for a ministry, ISAC_ANALYST for an ISAC, OPERATOR for the CERT).
   */
  @Transactional
  public NewOrganisation create(String name, String cisoEmail, String sector, SizeClass size, Role firstRole) {
    String cleanName = requireText(name, "organisation name", 200);
    String email = requireEmail(cisoEmail);
    if (repository.findByName(cleanName).isPresent()) {
      throw new IllegalArgumentException("an organisation named '" + cleanName + "' already exists");
    }
    if (repository.userExists(email)) {
      throw new IllegalArgumentException("a user with e-mail '" + email + "' already exists");
    }
    String code = SectorCode.normalise(sector);
    // The command line names sectors freely; listed once, in their one spelling.
    if (code != null && repository.findSector(code).isEmpty()) repository.insertSector(new Sector(code, code, null));
    var org = new Organisation(UUID.randomUUID(), cleanName, code, email, firstRole == Role.OPERATOR, Instant.now(), size);
    repository.insert(org);
    String password = Secrets.password();
    repository.insertUser(org.id(), email, passwords.encode(password), firstRole);
    // The first key acts with the first user's role: a ministry's key is a sector operator's.
    String apiKey = Secrets.apiKey();
    repository.insertKey(org.id(), Secrets.sha256(apiKey), apiKey.substring(0, 8), "default", firstRole);
    return new NewOrganisation(org, apiKey, password);
  }

  /**
   * An operator registers an organisation and its first user (who is then invited to set a
   * password); no API key is issued: the organisation's CISO creates its keys.
   */
  @Transactional
  public Organisation register(Caller operator, String name, String sector, SizeClass size, String firstEmail, Role firstRole) {
    operator.require(Capability.ADMINISTER);
    String cleanName = requireText(name, "name", 200);
    String email = requireEmail(firstEmail);
    if (repository.findByName(cleanName).isPresent()) throw new IllegalArgumentException("'name': an organisation named '" + cleanName + "' already exists");
    if (repository.userExists(email)) throw new IllegalArgumentException("'email': a user with e-mail '" + email + "' already exists");
    String code = SectorCode.normalise(sector);
    if (code != null && repository.findSector(code).isEmpty()) {
      throw new IllegalArgumentException("'sector': '" + sector + "' is not in the list of sectors; add it first");
    }
    var org = new Organisation(UUID.randomUUID(), cleanName, code, email, firstRole == Role.OPERATOR, Instant.now(), size);
    repository.insert(org);
    repository.insertUser(org.id(), email, passwords.encode(Secrets.password()), firstRole);
    audit.record(operator, "organisation.create", org.id(), cleanName + " (" + size + ", sector " + org.sector() + ")");
    audit.record(operator, "user.role", org.id(), email + " as " + firstRole);
    return org;
  }

  /**
   * Issues a new API key for the organisation acting as its first user would: national operator
   * for an operator organisation, CISO otherwise. Prefer {@link #issueKey(UUID, String, Role)},
   * which names the role.
   */
  @Transactional
  public String issueKey(UUID orgId) {
    var org = repository.findById(orgId).orElseThrow(() -> new IllegalArgumentException("'organisation' is unknown"));
    return issueKey(orgId, "default", org.operator() ? Role.OPERATOR : Role.CISO);
  }

  /**
   * Issues a key of the organisation acting with {@code role}, for the command line and the
   * demo (no caller: whoever runs them owns the hub). Returned once; stored as SHA-256; the key
   * list shows its role.
   */
  @Transactional
  public String issueKey(UUID orgId, String integration, Role role) {
    String name = requireText(integration, "integration name", 100);
    String key = Secrets.apiKey();
    repository.insertKey(orgId, Secrets.sha256(key), key.substring(0, 8), name, java.util.Objects.requireNonNull(role, "role"));
    audit.attempt("system", orgId, "api-key.create", key.substring(0, 8) + "… " + name + " as " + role);
    return key;
  }

  /**
   * Issues a key for one integration of the caller's organisation (a CI pipeline, a scanner),
   * acting with {@code role} (at most the caller's own powers: a CISO may issue CISO and MEMBER
   * keys). Returned once; stored as SHA-256.
   */
  @Transactional
  public String issueKey(Caller caller, String integration, Role role) {
    caller.require(Capability.MANAGE_ORGANISATION);
    String name = requireText(integration, "integration name", 100);
    if (!mayGrant(caller, role)) throw new IllegalArgumentException("'role' " + role + " is more than a " + caller.role() + " may grant");
    String key = Secrets.apiKey();
    repository.insertKey(caller.orgId(), Secrets.sha256(key), key.substring(0, 8), name, role);
    audit.record(caller, "api-key.create", caller.orgId(), key.substring(0, 8) + "… " + name + " as " + role);
    return key;
  }

  /** Whether the caller may hand out this role within their own organisation. */
  public static boolean mayGrant(Caller caller, Role role) {
    return switch (caller.role()) {
      case OPERATOR -> true;
      case CISO -> role == Role.CISO || role == Role.MEMBER || role == Role.REPORTER;
      default -> false;
    };
  }

  /** Sets the ministry that supervises a sector; its sector operators then oversee the sector's organisations. */
  @Transactional
  public void superviseSector(String code, String name, UUID ministry) {
    repository.upsertSector(SectorCode.normalise(requireText(code, "sector", 100)), requireText(name, "sector name", 200), ministry);
  }

  /** The sectors organisations are placed in, by code. */
  public List<Sector> sectors() {
    return repository.sectors();
  }

  /** An operator adds a sector to the list (code normalised; a listed code is refused). */
  @Transactional
  public Sector addSector(Caller operator, String code, String nameEn, String nameKo) {
    operator.require(Capability.ADMINISTER);
    String clean = SectorCode.normalise(requireText(code, "'code'", 100));
    if (!clean.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("'code' may hold only letters, digits, '.', '_' and '-' (like water or oil-gas)");
    }
    var sector = new Sector(clean, requireText(nameEn, "'nameEn'", 200), requireText(nameKo, "'nameKo'", 200));
    if (!repository.insertSector(sector)) throw new IllegalArgumentException("'code': sector '" + clean + "' is listed already");
    audit.record(operator, "sector.create", null, clean + " (" + sector.nameEn() + " / " + sector.nameKo() + ")");
    return sector;
  }

  /** The organisations a caller oversees (all for national operators, the sector's for sector operators). */
  public List<Organisation> visibleTo(Caller caller) {
    return repository.findAll(TenantScope.of(caller));
  }

  /** A new random password, for first sign-ins and the demo. */
  public static String newPassword() {
    return Secrets.password();
  }

  /** Sets a user's password (demo set-up, password resets). */
  @Transactional
  public void setPassword(String email, String password) {
    repository.updatePassword(email.toLowerCase(Locale.ROOT), passwords.encode(password));
  }

  /** The caller an API key stands for, if the key is known and not revoked. */
  public Optional<Caller> authenticate(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) return Optional.empty();
    return repository.findByKeyHash(Secrets.sha256(apiKey.trim()));
  }

  public Optional<Organisation> find(UUID id) {
    return repository.findById(id);
  }

  public Optional<Organisation> findByName(String name) {
    return repository.findByName(name);
  }

  public List<Organisation> all() {
    return repository.findAll();
  }

  /** The e-mail addresses of an organisation's users who have one of {@code roles} (alert recipients). */
  public List<String> emailsOf(UUID orgId, java.util.Set<Role> roles) {
    if (roles.isEmpty()) return List.of();
    return repository.emailsOf(orgId, roles.stream().map(Role::name).toList());
  }

  /**
   * Who hears that an organisation left an urgent alert unacknowledged: the SECTOR_OPERATOR users
   * of the ministry supervising its sector ({@code identity_sector.ministry_id}); the national
   * operators (OPERATOR users) when it has no sector, the sector no ministry, or the ministry no
   * sector operator.
   */
  public List<Addressee> escalationAddressees(UUID orgId) {
    var sectorOperators = repository.sectorOperatorAddressees(orgId);
    return sectorOperators.isEmpty() ? repository.addresseesWithRole(Role.OPERATOR.name()) : sectorOperators;
  }

  static String requireText(String value, String what, int max) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is empty");
    String v = value.strip();
    if (v.length() > max) throw new IllegalArgumentException(what + " is longer than " + max + " characters");
    return v;
  }

  static String requireEmail(String email) {
    String e = requireText(email, "CISO e-mail", 320).toLowerCase(Locale.ROOT);
    if (!e.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("CISO e-mail '" + email + "' is not an e-mail address");
    return e;
  }
}
