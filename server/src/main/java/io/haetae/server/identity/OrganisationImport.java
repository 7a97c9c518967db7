package io.haetae.server.identity;

import io.haetae.server.identity.ImportReport.Rejection;
import io.haetae.server.identity.internal.CsvRows;
import io.haetae.server.identity.internal.ImportRepository;
import io.haetae.server.identity.internal.ImportRepository.Existing;
import io.haetae.server.web.BadInputException;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports organisations from a CSV file (docs/organisations.md): header row, then one
 * organisation per row with {@code name}, {@code ciso_email}, {@code sector}, {@code size}
 * (micro, small, medium, large) and optionally {@code domains}. The CISO's e-mail is the key: an
 * organisation already registered with it is updated, otherwise one is created. Rows with a
 * problem are reported by line and field and left out; the others are written in one
 * transaction, in JDBC batches. Unknown sectors are added to the sector list.
 *
 * <p>Nobody is mailed and no account is made: the operator invites the CISOs (an invitation sets
 * the password), and notices reach them as broadcasts.
 */
@Service
public class OrganisationImport {

  private static final Logger log = LoggerFactory.getLogger(OrganisationImport.class);
  private static final List<String> REQUIRED = List.of("name", "ciso_email", "sector", "size");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DOMAIN_SEPARATORS = Pattern.compile("[\\s;,]+");

  private final ImportRepository repository;
  private final AuditLog audit;

  private final org.springframework.context.ApplicationEventPublisher events;

  OrganisationImport(ImportRepository repository, AuditLog audit, org.springframework.context.ApplicationEventPublisher events) {
    this.events = events;
    this.repository = repository;
    this.audit = audit;
  }

  /**
   * The national operator's import (page and API).
   *
   * @throws BadInputException when the file is not UTF-8 or its header lacks a column
   */
  @Transactional
  public ImportReport importCsv(Caller operator, byte[] csv) {
    operator.require(Capability.ADMINISTER);
    ImportReport report = run(csv);
    audit.record(operator, "organisation.import", operator.orgId(), summary(report));
    return report;
  }

  /** The command line's import, on the data directory; audited as the local user. */
  @Transactional
  public ImportReport importCsv(String localUser, byte[] csv) {
    ImportReport report = run(csv);
    audit.attempt("cli:" + localUser, null, "organisation.import", summary(report));
    return report;
  }

  private static String summary(ImportReport r) {
    return "created " + r.created() + ", updated " + r.updated() + ", unchanged " + r.unchanged() + ", rejected "
        + r.rejected().size();
  }

  private record Candidate(int line, String name, String email, String sector, String sectorLabel, BusinessSize size,
      String domains) {}

  private ImportReport run(byte[] csv) {
    long started = System.nanoTime();
    List<CsvRows.Row> rows = CsvRows.parse(utf8(csv));
    if (rows.isEmpty()) throw new BadInputException("line 1: the file is empty; it needs a header row (" + String.join(",", REQUIRED) + ")");
    Map<String, Integer> columns = header(rows.getFirst());
    var rejected = new ArrayList<Rejection>();
    var candidates = new ArrayList<Candidate>();
    var lineOfEmail = new HashMap<String, Integer>();
    var lineOfName = new HashMap<String, Integer>();
    for (CsvRows.Row row : rows.subList(1, rows.size())) {
      if (row.problem() != null) {
        rejected.add(new Rejection(row.line(), "row", row.problem()));
        continue;
      }
      if (row.fields().size() != columns.size()) {
        rejected.add(new Rejection(row.line(), "row", "expected " + columns.size() + " fields, found " + row.fields().size()));
        continue;
      }
      Candidate c;
      try {
        c = candidate(row, columns);
      } catch (RowProblem p) {
        rejected.add(new Rejection(row.line(), p.field, p.getMessage()));
        continue;
      }
      Integer sameEmail = lineOfEmail.putIfAbsent(c.email(), c.line());
      if (sameEmail != null) {
        rejected.add(new Rejection(c.line(), "ciso_email", "'" + c.email() + "' is also on line " + sameEmail));
        continue;
      }
      Integer sameName = lineOfName.putIfAbsent(c.name(), c.line());
      if (sameName != null) {
        rejected.add(new Rejection(c.line(), "name", "'" + c.name() + "' is also on line " + sameName));
        continue;
      }
      candidates.add(c);
    }

    Map<String, Existing> byEmail = new HashMap<>();
    Map<String, UUID> byName = new HashMap<>();
    for (Existing e : repository.existing()) {
      if (e.cisoEmail() != null) byEmail.putIfAbsent(e.cisoEmail().toLowerCase(Locale.ROOT), e);
      byName.put(e.name(), e.id());
    }
    var inserts = new ArrayList<ImportRepository.NewRow>();
    var updates = new ArrayList<ImportRepository.NewRow>();
    var sectors = new LinkedHashMap<String, String>();
    int unchanged = 0;
    for (Candidate c : candidates) {
      Existing existing = byEmail.get(c.email());
      UUID nameOwner = byName.get(c.name());
      if (nameOwner != null && (existing == null || !nameOwner.equals(existing.id()))) {
        rejected.add(new Rejection(c.line(), "name", "'" + c.name() + "' is the name of another organisation (another CISO e-mail)"));
        continue;
      }
      sectors.putIfAbsent(c.sector(), c.sectorLabel());
      if (existing == null) {
        inserts.add(new ImportRepository.NewRow(UUID.randomUUID(), c.name(), c.email(), c.sector(), c.size(), c.domains()));
      } else if (Objects.equals(existing.name(), c.name()) && Objects.equals(existing.sector(), c.sector())
          && Objects.equals(existing.businessSize(), c.size().name()) && Objects.equals(existing.domains(), c.domains())) {
        unchanged++;
      } else {
        updates.add(new ImportRepository.NewRow(existing.id(), c.name(), c.email(), c.sector(), c.size(), c.domains()));
      }
    }
    repository.addSectors(sectors);
    repository.insert(inserts);
    repository.update(updates);
    // Domain watch protects these domains (docs/domainwatch.md); it listens, identity does not call it.
    for (var row : inserts) if (row.domains() != null) events.publishEvent(domainsOf(row));
    for (var row : updates) events.publishEvent(domainsOf(row));
    rejected.sort(java.util.Comparator.comparingInt(Rejection::line));
    var report = new ImportReport(inserts.size(), updates.size(), unchanged, rejected);
    log.atInfo().addKeyValue("created", report.created()).addKeyValue("updated", report.updated())
        .addKeyValue("unchanged", report.unchanged()).addKeyValue("rejected", rejected.size())
        .addKeyValue("tookMs", (System.nanoTime() - started) / 1_000_000).log("organisations imported");
    return report;
  }

  private static OrganisationDomainsChanged domainsOf(ImportRepository.NewRow row) {
    return new OrganisationDomainsChanged(row.id(), row.domains() == null ? List.of() : List.of(row.domains().split(" ")));
  }

  private static String utf8(byte[] csv) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException("the file is not UTF-8 text (save it as CSV UTF-8)");
    }
  }

  private static Map<String, Integer> header(CsvRows.Row header) {
    if (header.problem() != null) throw new BadInputException("line " + header.line() + ": " + header.problem());
    var columns = new LinkedHashMap<String, Integer>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (columns.putIfAbsent(name, i) != null) throw new BadInputException("line " + header.line() + ": column '" + name + "' appears twice");
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new BadInputException("line " + header.line() + ": the header has no column '" + required
            + "' (needed: " + String.join(",", REQUIRED) + ", optional: domains)");
      }
    }
    return columns;
  }

  private static final class RowProblem extends RuntimeException {
    final String field;

    RowProblem(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private static Candidate candidate(CsvRows.Row row, Map<String, Integer> columns) {
    String name = value(row, columns, "name");
    if (name.isEmpty()) throw new RowProblem("name", "is empty");
    if (name.length() > 200) throw new RowProblem("name", "is longer than 200 characters");
    String email = value(row, columns, "ciso_email").toLowerCase(Locale.ROOT);
    if (email.isEmpty()) throw new RowProblem("ciso_email", "is empty");
    if (email.length() > 320 || !EMAIL.matcher(email).matches()) throw new RowProblem("ciso_email", "'" + email + "' is not an e-mail address");
    String label = value(row, columns, "sector").replaceAll("\\s+", " ");
    String sector = OrganisationDirectory.sectorCode(label);
    if (sector == null) throw new RowProblem("sector", "is empty");
    if (sector.length() > 100) throw new RowProblem("sector", "is longer than 100 characters");
    String sizeText = value(row, columns, "size");
    BusinessSize size;
    try {
      size = BusinessSize.parse(sizeText, "size");
    } catch (IllegalArgumentException e) {
      throw new RowProblem("size", "must be micro, small, medium or large, not '" + sizeText + "'");
    }
    String domains = columns.containsKey("domains") ? domains(value(row, columns, "domains")) : null;
    return new Candidate(row.line(), name, email, sector, label, size, domains);
  }

  /** Domains as one space-separated, lower-case, ASCII (IDNA) list; null when none. */
  private static String domains(String raw) {
    if (raw.isBlank()) return null;
    var result = new LinkedHashSet<String>();
    for (String d : DOMAIN_SEPARATORS.split(raw.strip())) {
      if (d.isEmpty()) continue;
      String ascii;
      try {
        ascii = IDN.toASCII(d.endsWith(".") ? d.substring(0, d.length() - 1) : d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new RowProblem("domains", "'" + d + "' is not a domain name");
      }
      if (!DOMAIN.matcher(ascii).matches()) throw new RowProblem("domains", "'" + d + "' is not a domain name");
      result.add(ascii);
    }
    String joined = String.join(" ", result);
    if (joined.length() > 2000) throw new RowProblem("domains", "are longer than 2000 characters together");
    return joined.isEmpty() ? null : joined;
  }

  private static String value(CsvRows.Row row, Map<String, Integer> columns, String column) {
    return row.fields().get(columns.get(column)).strip();
  }
}
