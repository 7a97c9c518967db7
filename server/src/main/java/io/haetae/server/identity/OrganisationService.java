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

  OrganisationService(OrganisationRepository repository, PasswordEncoder passwords) {
    this.repository = repository;
    this.passwords = passwords;
  }

  /**
   * Creates an organisation, its CISO's account and a first API key.
   *
   * @throws IllegalArgumentException when the name or e-mail is invalid or already taken
   */
  @Transactional
  public NewOrganisation create(String name, String cisoEmail, String sector, boolean operator) {
    String cleanName = requireText(name, "organisation name", 200);
    String email = requireEmail(cisoEmail);
    if (repository.findByName(cleanName).isPresent()) {
      throw new IllegalArgumentException("an organisation named '" + cleanName + "' already exists");
    }
    if (repository.userExists(email)) {
      throw new IllegalArgumentException("a user with e-mail '" + email + "' already exists");
    }
    var org = new Organisation(UUID.randomUUID(), cleanName, blankToNull(sector), email, operator, Instant.now());
    repository.insert(org);
    String password = Secrets.password();
    repository.insertUser(org.id(), email, passwords.encode(password), operator ? Role.OPERATOR : Role.CISO);
    String apiKey = issueKey(org.id());
    return new NewOrganisation(org, apiKey, password);
  }

  /** Issues a new API key for the organisation; the key is returned once and stored hashed. */
  @Transactional
  public String issueKey(UUID orgId) {
    String key = Secrets.apiKey();
    repository.insertKey(orgId, Secrets.sha256(key), key.substring(0, 8));
    return key;
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

  private static String requireText(String value, String what, int max) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is empty");
    String v = value.strip();
    if (v.length() > max) throw new IllegalArgumentException(what + " is longer than " + max + " characters");
    return v;
  }

  private static String requireEmail(String email) {
    String e = requireText(email, "CISO e-mail", 320).toLowerCase(Locale.ROOT);
    if (!e.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("CISO e-mail '" + email + "' is not an e-mail address");
    return e;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
