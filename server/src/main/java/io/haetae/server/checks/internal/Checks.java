package io.haetae.server.checks.internal;

import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.Broadcasts;
import io.haetae.server.broadcast.Notice;
import io.haetae.server.checks.internal.CheckRecords.Answer;
import io.haetae.server.checks.internal.CheckRecords.AnswerRow;
import io.haetae.server.checks.internal.CheckRecords.Check;
import io.haetae.server.checks.internal.CheckRecords.CheckView;
import io.haetae.server.checks.internal.CheckRecords.EvidenceMeta;
import io.haetae.server.checks.internal.CheckRecords.Item;
import io.haetae.server.checks.internal.CheckRecords.ItemResult;
import io.haetae.server.checks.internal.CheckRecords.Member;
import io.haetae.server.checks.internal.CheckRecords.OrgStatus;
import io.haetae.server.checks.internal.CheckRecords.Progress;
import io.haetae.server.checks.internal.CheckRecords.Rollup;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.Role;
import io.haetae.server.oversight.Readiness;
import io.haetae.server.oversight.Readiness.Evidence;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.Languages;
import io.haetae.server.web.NotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Sector implementation checks (docs/checks.md). Opening one writes the check, its items and the
 * organisations in scope, and queues one invitation notice per language, all in one transaction:
 * a refused audience or a mail that cannot be queued leaves nothing behind.
 */
@Service
class Checks {

  static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
  static final int MAX_ITEMS = 60;

  private final CheckRepository repository;
  private final OrganisationDirectory directory;
  private final Broadcasts broadcasts;
  private final Readiness readiness;
  private final AuditLog audit;
  private final MessageSource messages;
  private final String baseUrl;
  private final long evidenceLimit;

  Checks(CheckRepository repository, OrganisationDirectory directory, Broadcasts broadcasts, Readiness readiness, AuditLog audit,
      MessageSource messages, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.checks.evidence-limit:5MB}") DataSize evidenceLimit) {
    this.repository = repository;
    this.directory = directory;
    this.broadcasts = broadcasts;
    this.readiness = readiness;
    this.audit = audit;
    this.messages = messages;
    this.baseUrl = baseUrl;
    this.evidenceLimit = evidenceLimit.toBytes();
  }

  /** What an issuer asks: validated into a check by {@link #open}. */
  record NewCheck(String title, String description, LocalDate dueDate, Audience scope, List<Item> items) {}

  static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  @Transactional
  Check open(Caller caller, NewCheck draft) {
    requireIssuer(caller);
    String title = text(draft.title(), "title", 300);
    String description = draft.description() == null ? "" : draft.description().strip();
    if (description.length() > 20_000) throw new BadInputException("'description' is longer than 20000 characters");
    if (draft.dueDate() == null) throw new BadInputException("'dueDate' is missing (YYYY-MM-DD)");
    if (draft.dueDate().isBefore(today())) throw new BadInputException("'dueDate' " + draft.dueDate() + " is in the past");
    if (draft.items() == null || draft.items().isEmpty()) throw new BadInputException("'items' is empty: a check asks at least one thing");
    if (draft.items().size() > MAX_ITEMS) throw new BadInputException("'items' has more than " + MAX_ITEMS + " items");
    if (draft.scope() == null || draft.scope().isEmpty()) throw new BadInputException("'scope' is missing: \"all\" or {\"sectors\": [...]}");
    Audience scope = Broadcasts.scoped(caller, draft.scope());
    List<Addressee> members = directory.addressees(scope.all(), scope.sectors(), scope.sizes(), scope.organisations());
    if (caller.role() == Role.SECTOR_OPERATOR) members = members.stream().filter(a -> a.sector() != null
        && caller.sectors().stream().map(OrganisationDirectory::sectorCode).anyMatch(a.sector()::equals)).toList();
    members = members.stream().filter(a -> !a.orgId().equals(caller.orgId())).toList();
    if (members.isEmpty()) throw new BadInputException("'scope' matches no organisation: " + scope.describe());
    var items = new ArrayList<Item>();
    for (int i = 0; i < draft.items().size(); i++) {
      Item raw = draft.items().get(i);
      String text = raw.kind().automatic() ? null : text(raw.text(), "items[" + i + "].text", 1000);
      items.add(new Item(i + 1, raw.kind(), text));
    }
    var check = new Check(UUID.randomUUID(), caller.orgId(), caller.orgName(), caller.role(), caller.sectors(), caller.name(),
        title, description, draft.dueDate(), scope.describe(), Instant.now(), items);
    repository.insert(check, members);
    invite(caller, check, members, "checks.mail.invite");
    audit.record(caller, "check.open", caller.orgId(), check.id() + " '" + title + "' due " + check.dueDate() + " to "
        + check.scope() + " (" + members.size() + " organisations, " + items.size() + " items)");
    return check;
  }

  /** One notice per language, so each organisation reads the invitation in its own. */
  void invite(Caller as, Check check, List<Addressee> to, String key) {
    var byLanguage = new TreeMap<String, List<UUID>>();
    for (Addressee a : to) byLanguage.computeIfAbsent(Languages.of(a.language()).getLanguage(), l -> new ArrayList<>()).add(a.orgId());
    byLanguage.forEach((language, orgs) -> {
      Locale locale = Languages.of(language);
      String title = messages.getMessage(key + ".title", new Object[] {check.title()}, locale);
      String body = messages.getMessage(key + ".body", new Object[] {check.issuerName(), check.dueDate().toString(),
          baseUrl + "/checks/" + check.id(), check.items().size()}, locale)
          + (check.description().isBlank() ? "" : "\n\n---\n\n" + check.description());
      broadcasts.send(as, new Notice("check." + key.substring(key.lastIndexOf('.') + 1), title, body,
          Audience.organisations(orgs), List.of(), false));
    });
  }

  List<Check> visible(Caller caller) {
    if (mayIssue(caller)) return repository.issuedBy(caller.isOperator() ? null : caller.orgId(), 200);
    caller.require(Capability.READ_INVENTORY);
    return repository.addressedTo(caller.orgId(), 200);
  }

  Map<UUID, int[]> counts(List<Check> checks) {
    return repository.counts(checks.stream().map(Check::id).toList());
  }

  /** The check as the caller may see it; 404 for a check the caller neither issued nor is asked. */
  CheckView view(Caller caller, UUID id) {
    Check check = repository.find(id).orElseThrow(() -> new NotFoundException("check"));
    boolean issuer = isIssuer(caller, check);
    List<Member> members;
    if (issuer) {
      members = repository.members(id);
    } else {
      caller.require(Capability.READ_INVENTORY);
      members = repository.member(id, caller.orgId()).map(List::of).orElseThrow(() -> new NotFoundException("check"));
    }
    UUID only = issuer ? null : caller.orgId();
    var answers = group(repository.answers(id, only), AnswerRow::orgId);
    var evidence = group(repository.evidence(id, only), EvidenceMeta::orgId);
    Map<UUID, Evidence> facts = readiness.of(members.stream().map(Member::orgId).toList());
    LocalDate today = today();
    var statuses = new ArrayList<OrgStatus>();
    for (Member m : members) {
      statuses.add(status(check, m, answers.getOrDefault(m.orgId(), List.of()), evidence.getOrDefault(m.orgId(), List.of()),
          facts.getOrDefault(m.orgId(), Evidence.NONE), today));
    }
    var bySector = new TreeMap<String, int[]>();
    for (OrgStatus s : statuses) {
      int[] r = bySector.computeIfAbsent(s.sector(), k -> new int[4]);
      r[0]++;
      if (s.progress() == Progress.SUBMITTED) r[1]++;
      if (s.compliant()) r[2]++;
      if (s.late()) r[3]++;
    }
    var rollups = bySector.entrySet().stream().map(e -> new Rollup(e.getKey(), e.getValue()[0], e.getValue()[1],
        e.getValue()[2], e.getValue()[3])).toList();
    int responded = (int) statuses.stream().filter(s -> s.progress() == Progress.SUBMITTED).count();
    int compliant = (int) statuses.stream().filter(OrgStatus::compliant).count();
    int late = (int) statuses.stream().filter(OrgStatus::late).count();
    return new CheckView(check, issuer, statuses.size(), responded, compliant, late, statuses, issuer ? rollups : List.of());
  }

  /** An organisation's answers; {@code submit} makes them its response (they may still be changed and submitted again). */
  @Transactional
  CheckView answer(Caller caller, UUID id, Map<Integer, Answer> answers, Map<Integer, String> comments, boolean submit) {
    Check check = participantCheck(caller, id);
    Instant now = Instant.now();
    for (var e : answers.entrySet()) {
      Item item = check.item(e.getKey());
      if (item == null) throw new BadInputException("'answers': the check has no item " + e.getKey());
      if (item.kind().automatic()) {
        throw new BadInputException("'answers': item " + e.getKey() + " (" + item.kind() + ") is evaluated by the hub, not answered");
      }
      String comment = comments.get(e.getKey());
      if (comment != null && comment.length() > 4000) throw new BadInputException("'answers': the comment of item " + e.getKey() + " is longer than 4000 characters");
      repository.saveAnswer(id, caller.orgId(), e.getKey(), e.getValue(), comment == null || comment.isBlank() ? null : comment.strip(),
          now, caller.name());
    }
    if (submit) {
      var given = group(repository.answers(id, caller.orgId()), AnswerRow::orgId).getOrDefault(caller.orgId(), List.of());
      var missing = check.items().stream().filter(i -> !i.kind().automatic())
          .filter(i -> given.stream().noneMatch(a -> a.position() == i.position())).map(Item::position).toList();
      if (!missing.isEmpty()) throw new BadInputException("'answers': items " + missing + " are not answered yet; answer every question to submit");
    }
    repository.touch(id, caller.orgId(), now, submit, caller.name());
    audit.record(caller, submit ? "check.submit" : "check.answer", caller.orgId(), id + " " + answers.size() + " answers");
    return view(caller, id);
  }

  @Transactional
  void attach(Caller caller, UUID id, int position, String name, String contentType, byte[] content) {
    Check check = participantCheck(caller, id);
    Item item = check.item(position);
    if (item == null || item.kind().automatic()) throw new BadInputException("'file': item " + position + " is not a question of this check");
    if (content == null || content.length == 0) throw new BadInputException("'file' is empty");
    if (content.length > evidenceLimit) throw new BadInputException("'file' is " + content.length + " bytes; the limit is " + evidenceLimit);
    String file = name == null || name.isBlank() ? "evidence" : name.replaceAll("[\\\\/\\r\\n\"]", "_");
    String type = contentType == null || !contentType.matches("[\\w.+-]+/[\\w.+-]+") ? "application/octet-stream" : contentType;
    String sha = sha256(content);
    repository.saveEvidence(id, caller.orgId(), position, file, type, sha, content, Instant.now(), caller.name());
    repository.touch(id, caller.orgId(), Instant.now(), false, caller.name());
    audit.record(caller, "check.evidence", caller.orgId(), id + " item " + position + " " + file + " sha256 " + sha);
  }

  /** An evidence file: to its organisation and to the check's issuer only. */
  EvidenceMeta evidence(Caller caller, UUID id, UUID orgId, int position) {
    Check check = repository.find(id).orElseThrow(() -> new NotFoundException("check"));
    if (!isIssuer(caller, check) && !caller.orgId().equals(orgId)) throw new NotFoundException("evidence");
    return repository.evidence(id, orgId).stream().filter(e -> e.position() == position).findFirst()
        .orElseThrow(() -> new NotFoundException("evidence"));
  }

  byte[] evidenceContent(UUID id, UUID orgId, int position) {
    return repository.evidenceContent(id, orgId, position).orElseThrow(() -> new NotFoundException("evidence"));
  }

  static boolean mayIssue(Caller caller) {
    return caller.role() == Role.OPERATOR || caller.role() == Role.SECTOR_OPERATOR;
  }

  private static void requireIssuer(Caller caller) {
    if (!mayIssue(caller)) throw new AccessDeniedException(caller.role() + " may not open checks");
  }

  private static boolean isIssuer(Caller caller, Check check) {
    return caller.isOperator() || (mayIssue(caller) && check.issuerOrg().equals(caller.orgId()));
  }

  /** 404 unless the caller's organisation is asked this check; 403 for a role that may not answer. */
  void requireParticipant(Caller caller, UUID id) {
    repository.member(id, caller.orgId()).orElseThrow(() -> new NotFoundException("check"));
    caller.require(Capability.MANAGE_ORGANISATION);
  }

  private Check participantCheck(Caller caller, UUID id) {
    caller.require(Capability.MANAGE_ORGANISATION);
    Check check = repository.find(id).orElseThrow(() -> new NotFoundException("check"));
    repository.member(id, caller.orgId()).orElseThrow(() -> new NotFoundException("check"));
    return check;
  }

  /** The items of one organisation judged: answers as given, automatic items from the hub's data. */
  static OrgStatus status(Check check, Member m, List<AnswerRow> answers, List<EvidenceMeta> evidence, Evidence facts,
      LocalDate today) {
    var results = new ArrayList<ItemResult>();
    boolean allOk = true;
    for (Item item : check.items()) {
      ItemResult r = switch (item.kind()) {
        case QUESTION -> {
          AnswerRow a = answers.stream().filter(x -> x.position() == item.position()).findFirst().orElse(null);
          EvidenceMeta e = evidence.stream().filter(x -> x.position() == item.position()).findFirst().orElse(null);
          yield new ItemResult(item.position(), item.kind(), item.text(), a == null ? null : a.answer().name(),
              a != null && a.answer().complies(), null, 0, 0, a == null ? null : a.comment(), e);
        }
        case NO_KEV_OPEN -> new ItemResult(item.position(), item.kind(), null, facts.kevOpen() == 0 ? "PASS" : "FAIL",
            facts.kevOpen() == 0, facts.kevOpen() + " open findings of KEV-listed vulnerabilities", facts.kevOpen(), 0, null, null);
        case NO_CRITICAL_OVERDUE -> new ItemResult(item.position(), item.kind(), null, facts.criticalOverdue() == 0 ? "PASS" : "FAIL",
            facts.criticalOverdue() == 0, facts.criticalOverdue() + " open critical findings past their due date",
            facts.criticalOverdue(), 0, null, null);
        case SBOM_FRESH -> {
          boolean ok = facts.projects() > 0 && facts.staleProjects() == 0;
          String detail = facts.projects() == 0 ? "no project with an SBOM"
              : facts.staleProjects() + " of " + facts.projects() + " projects without an SBOM in "
                  + Readiness.STALE.toDays() + " days" + (facts.staleProjectNames().isEmpty() ? "" : ": " + String.join(", ", facts.staleProjectNames()));
          yield new ItemResult(item.position(), item.kind(), null, ok ? "PASS" : "FAIL", ok, detail, facts.staleProjects(),
              facts.projects(), null, null);
        }
      };
      allOk &= r.ok();
      results.add(r);
    }
    Progress progress = m.submittedAt() != null ? Progress.SUBMITTED : m.updatedAt() != null ? Progress.IN_PROGRESS : Progress.NOT_STARTED;
    boolean late = progress != Progress.SUBMITTED && today.isAfter(check.dueDate());
    return new OrgStatus(m.orgId(), m.name(), m.sector(), progress, m.submittedAt(), late, progress == Progress.SUBMITTED && allOk,
        results);
  }

  private static <T> Map<UUID, List<T>> group(List<T> rows, java.util.function.Function<T, UUID> key) {
    var out = new HashMap<UUID, List<T>>();
    for (T row : rows) out.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
    return out;
  }

  private static String text(String value, String field, int max) {
    if (value == null || value.isBlank()) throw new BadInputException("'" + field + "' is empty");
    String v = value.strip();
    if (v.length() > max) throw new BadInputException("'" + field + "' is longer than " + max + " characters");
    return v;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
