package io.haetae.server.incident.internal;

import io.haetae.engine.match.InstalledPackage;
import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.Broadcasts;
import io.haetae.server.broadcast.Notice;
import io.haetae.server.findings.FindingService;
import io.haetae.server.identity.Addressee;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.TlpPolicy;
import io.haetae.server.incident.internal.IncidentRecords.Case;
import io.haetae.server.incident.internal.IncidentRecords.CaseView;
import io.haetae.server.incident.internal.IncidentRecords.Category;
import io.haetae.server.incident.internal.IncidentRecords.Decision;
import io.haetae.server.incident.internal.IncidentRecords.Evidence;
import io.haetae.server.incident.internal.IncidentRecords.Kind;
import io.haetae.server.incident.internal.IncidentRecords.LinkKind;
import io.haetae.server.incident.internal.IncidentRecords.Member;
import io.haetae.server.incident.internal.IncidentRecords.Report;
import io.haetae.server.incident.internal.IncidentRecords.Severity;
import io.haetae.server.incident.internal.IncidentRecords.Task;
import io.haetae.server.incident.internal.IncidentRecords.TimelineEntry;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.Languages;
import io.haetae.server.web.NotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incident cases (docs/incidents.md). Opening a case writes it, its first timeline entry and,
 * for an AI service, the committee as the roster stands, with one {@link CommitteeSummoned}
 * event per member, all in one transaction: the summons go out from the event publication
 * registry after the commit, so a case is never convened without its mail nor mailed without
 * its case.
 *
 * <p>Who sees a case: its organisation (not its reporters) and the national operator; beyond
 * them its TLP decides (GREEN: the hub's community; AMBER: also the organisation's sector;
 * AMBER+STRICT and RED: no one else). Who writes to it: the organisation's CISO (a ministry's
 * sector operator for the ministry's own case) and the national operator.
 */
@Service
class Incidents {

  private static final Logger log = LoggerFactory.getLogger(Incidents.class);

  static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Seoul");
  static final Set<Role> OPENERS = Set.of(Role.OPERATOR, Role.SECTOR_OPERATOR, Role.CISO);

  private final IncidentRepository repository;
  private final IncidentSettings settings;
  private final OrganisationService organisations;
  private final OrganisationDirectory directory;
  private final AdvisoryCatalog advisories;
  private final FindingService findings;
  private final InventoryService inventory;
  private final Broadcasts broadcasts;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final MessageSource messages;
  private final JoinLinks links;
  private final String baseUrl;

  Incidents(IncidentRepository repository, JoinLinks links, IncidentSettings settings, OrganisationService organisations,
      OrganisationDirectory directory, AdvisoryCatalog advisories, FindingService findings, InventoryService inventory,
      Broadcasts broadcasts, AuditLog audit, ApplicationEventPublisher events, MessageSource messages,
      @Value("${haetae.base-url}") String baseUrl) {
    this.repository = repository;
    this.links = links;
    this.settings = settings;
    this.organisations = organisations;
    this.directory = directory;
    this.advisories = advisories;
    this.findings = findings;
    this.inventory = inventory;
    this.broadcasts = broadcasts;
    this.audit = audit;
    this.events = events;
    this.messages = messages;
    this.baseUrl = baseUrl;
  }

  /** What an opener asks; validated into a case by {@link #open}. {@code organisation}: the national operator's choice. */
  record NewCase(UUID organisation, String title, Kind kind, String service, String servicePurl, String description,
      Severity severity, Tlp tlp, IncidentClass incidentClass, Instant awareAt, ZoneId zone) {}

  @Transactional
  Case open(Caller caller, NewCase draft) {
    if (!OPENERS.contains(caller.role())) throw new AccessDeniedException(caller.role() + " may not open incident cases");
    UUID orgId = caller.orgId();
    if (draft.organisation() != null && !draft.organisation().equals(caller.orgId())) {
      if (!caller.isOperator()) throw new AccessDeniedException("only the national operator opens a case for another organisation");
      orgId = draft.organisation();
    }
    Organisation org = organisations.find(orgId)
        .orElseThrow(() -> new BadInputException("'organisation' " + draft.organisation() + " is not an organisation of the hub"));
    if (draft.kind() == null) throw new BadInputException("'kind' is missing: AI_SERVICE or PRODUCT");
    if (draft.severity() == null) throw new BadInputException("'severity' is missing: one of " + List.of(Severity.values()));
    if (draft.incidentClass() == null) throw new BadInputException("'incidentClass' is missing: an ENISA RSIT class such as 'intrusions'");
    String purl = blankToNull(draft.servicePurl());
    if (purl != null && InstalledPackage.keyOf(purl).isEmpty()) {
      throw new BadInputException("'servicePurl' '" + purl + "' is not a package URL the hub can match (pkg:type/namespace/name)");
    }
    Instant now = Instant.now();
    Instant aware = draft.awareAt() == null ? now : draft.awareAt();
    if (aware.isAfter(now.plusSeconds(300))) throw new BadInputException("'awareAt' " + aware + " is in the future");
    var c = new Case(UUID.randomUUID(), org.id(), org.name(), org.sector(), text(draft.title(), "title", 300), draft.kind(),
        text(draft.service(), "service", 300), purl, text(draft.description(), "description", 50_000), draft.severity(),
        draft.tlp() == null ? Tlp.AMBER_STRICT : draft.tlp(), draft.incidentClass(), aware,
        draft.zone() == null ? DEFAULT_ZONE : draft.zone(), now, caller.name());
    repository.insert(c);
    timeline(c, now, Category.DETECTION, "hub", "opened by " + caller.name() + " (" + caller.orgName() + ")", caller.name());
    if (c.kind() == Kind.AI_SERVICE) convene(c, now);
    audit.record(caller, "incident.open", c.orgId(), c.id() + " '" + c.title() + "' " + c.kind() + " " + c.severity() + " "
        + c.tlp().label());
    return c;
  }

  /** The roster as configured now becomes the case's committee; each member is summoned by mail after the commit. */
  private void convene(Case c, Instant now) {
    List<IncidentSettings.RosterMember> roster = settings.committee();
    for (var r : roster) {
      var member = new Member(UUID.randomUUID(), r.name() == null || r.name().isBlank() ? r.email() : r.name().strip(),
          r.email().strip(), Languages.of(r.language()).getLanguage(), null, null);
      repository.insertMember(c.id(), member);
      events.publishEvent(new CommitteeSummoned(c.id(), member.id()));
    }
    timeline(c, now, Category.COMMITTEE, "hub", roster.isEmpty()
        ? "AI-service incident: no committee roster is configured (haetae.incidents.committee)"
        : "review committee convened: " + roster.size() + " members summoned", "hub");
    if (roster.isEmpty()) log.atWarn().addKeyValue("incident", c.id()).log("AI-service incident without a committee roster");
  }

  /** Cases the caller may see, newest first. */
  List<Case> visible(Caller caller) {
    if (caller.isOperator()) return repository.list(null, 500);
    var out = new LinkedHashMap<UUID, Case>();
    if (caller.role() != Role.REPORTER) repository.list(caller.orgId(), 500).forEach(c -> out.put(c.id(), c));
    repository.shared(List.of(Tlp.CLEAR.name(), Tlp.GREEN.name(), Tlp.AMBER.name()), 500).stream()
        .filter(c -> maySee(caller, c)).forEach(c -> out.putIfAbsent(c.id(), c));
    return out.values().stream().sorted((a, b) -> b.openedAt().compareTo(a.openedAt())).toList();
  }

  CaseView view(Caller caller, UUID id) {
    Case c = readable(caller, id);
    return new CaseView(c, mayWrite(caller, c), mayNotify(caller), repository.members(id), repository.tasks(id),
        repository.timeline(id), repository.decisions(id), repository.evidence(id), repository.links(id),
        ReportingClocks.of(c.awareAt(), c.zone(), repository.submitted(id), Instant.now()));
  }

  @Transactional
  Task addTask(Caller caller, UUID id, String title, String owner, Instant dueAt) {
    Case c = writable(caller, id);
    if (dueAt == null) throw new BadInputException("'dueAt' is missing (an ISO date-time such as 2026-12-24T18:00+09:00)");
    var task = new Task(UUID.randomUUID(), text(title, "title", 500), text(owner, "owner", 320), dueAt, null, Instant.now(),
        caller.name());
    repository.insertTask(id, task);
    audit.record(caller, "incident.task", c.orgId(), id + " task " + task.id() + " to " + task.owner() + " due " + dueAt);
    return task;
  }

  @Transactional
  void taskDone(Caller caller, UUID id, UUID taskId) {
    Case c = writable(caller, id);
    if (!repository.taskDone(id, taskId, Instant.now())) {
      if (repository.tasks(id).stream().noneMatch(t -> t.id().equals(taskId))) throw new NotFoundException("task");
      return;
    }
    audit.record(caller, "incident.task-done", c.orgId(), id + " task " + taskId);
  }

  @Transactional
  TimelineEntry addEvent(Caller caller, UUID id, Instant occurredAt, ZoneId zone, Category category, String source, String text) {
    Case c = writable(caller, id);
    if (occurredAt == null) throw new BadInputException("'occurredAt' is missing (an ISO date-time such as 2026-12-24T09:30+09:00)");
    if (category == null) throw new BadInputException("'category' is missing: one of " + List.of(Category.values()));
    var entry = new TimelineEntry(UUID.randomUUID(), occurredAt, zone == null ? c.zone() : zone, category,
        text(source, "source", 200), text(text, "text", 4000), Instant.now(), caller.name());
    repository.insertEvent(id, entry);
    audit.record(caller, "incident.event", c.orgId(), id + " " + category + " at " + occurredAt);
    return entry;
  }

  /** Appends a decision; there is no way to change or remove one afterwards. */
  @Transactional
  Decision decide(Caller caller, UUID id, String text) {
    Case c = writable(caller, id);
    Decision d = repository.appendDecision(id, text(text, "text", 8000), Instant.now(), caller.name());
    timeline(c, d.decidedAt(), Category.DECISION, "hub", "decision " + d.seq() + " recorded by " + caller.name(), caller.name());
    audit.record(caller, "incident.decision", c.orgId(), id + " decision " + d.seq());
    return d;
  }

  /** Stores an evidence file with its SHA-256; the first custody entry says who added it, from where. */
  @Transactional
  Evidence addEvidence(Caller caller, UUID id, String name, String contentType, byte[] content) {
    Case c = writable(caller, id);
    if (content == null || content.length == 0) throw new BadInputException("'file' is empty");
    long limit = settings.evidenceLimit().toBytes();
    if (content.length > limit) throw new EvidenceTooLarge(content.length, limit);
    String file = name == null || name.isBlank() ? "evidence" : name.strip().replaceAll("[\\\\/\\r\\n\"]", "_");
    String type = contentType == null || !contentType.matches("[\\w.+-]+/[\\w.+-]+") ? "application/octet-stream" : contentType;
    String sha = sha256(content);
    UUID evidenceId = UUID.randomUUID();
    Instant now = Instant.now();
    repository.insertEvidence(id, evidenceId, file, type, content, sha, now, caller.name());
    repository.custody(id, evidenceId, "ADDED", caller.name(), AuditLog.clientAddress(), now);
    timeline(c, now, Category.EVIDENCE, "hub", "evidence '" + file + "' added, SHA-256 " + sha, caller.name());
    audit.record(caller, "incident.evidence", c.orgId(), id + " evidence " + evidenceId + " " + file + " sha256 " + sha);
    return repository.evidence(id).stream().filter(e -> e.id().equals(evidenceId)).findFirst().orElseThrow();
  }

  record Download(Evidence meta, byte[] content) {}

  /** An evidence file, to the case's organisation and the national operator only; every download joins the custody log. */
  @Transactional
  Download download(Caller caller, UUID id, UUID evidenceId) {
    Case c = readable(caller, id);
    if (!isParticipant(caller, c)) throw new NotFoundException("evidence");
    Evidence meta = repository.evidence(id).stream().filter(e -> e.id().equals(evidenceId)).findFirst()
        .orElseThrow(() -> new NotFoundException("evidence"));
    byte[] content = repository.evidenceContent(id, evidenceId).orElseThrow(() -> new NotFoundException("evidence"));
    repository.custody(id, evidenceId, "DOWNLOADED", caller.name(), AuditLog.clientAddress(), Instant.now());
    audit.record(caller, "incident.evidence-download", c.orgId(), id + " evidence " + evidenceId + " sha256 " + meta.sha256());
    return new Download(meta, content);
  }

  /** Links an advisory (by id or alias, as the caller may read it) or a finding (of the case's organisation). */
  @Transactional
  void link(Caller caller, UUID id, String advisory, String finding) {
    Case c = writable(caller, id);
    if (blankToNull(advisory) == null && blankToNull(finding) == null) {
      throw new BadInputException("give 'advisory' (an advisory id such as GHSA-... or CVE-...) or 'finding' (a finding uuid)");
    }
    if (blankToNull(advisory) != null) {
      var a = advisories.find(caller, advisory.strip())
          .orElseThrow(() -> new BadInputException("'advisory' '" + advisory.strip() + "' is not an advisory you can read"));
      if (repository.link(id, LinkKind.ADVISORY, a.advisory().id(), Instant.now(), caller.name())) {
        audit.record(caller, "incident.link", c.orgId(), id + " advisory " + a.advisory().id());
      }
    }
    if (blankToNull(finding) != null) {
      UUID findingId;
      try {
        findingId = UUID.fromString(finding.strip());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("'finding' must be a finding uuid, not '" + finding + "'");
      }
      var f = findings.find(caller, findingId).filter(x -> x.orgId().equals(c.orgId()))
          .orElseThrow(() -> new BadInputException("'finding' " + findingId + " is not a finding of " + c.orgName() + " you can read"));
      if (repository.link(id, LinkKind.FINDING, f.id().toString(), Instant.now(), caller.name())) {
        audit.record(caller, "incident.link", c.orgId(), id + " finding " + f.id());
      }
    }
  }

  /** Records that a NIS2 report was submitted (to the CSIRT or competent authority); its clock stops. */
  @Transactional
  void submitted(Caller caller, UUID id, Report report) {
    Case c = writable(caller, id);
    if (report == null) throw new BadInputException("'report' is missing: one of " + List.of(Report.values()));
    Instant now = Instant.now();
    if (repository.submitted(id, report, now, caller.name())) {
      timeline(c, now, Category.REPORTING, "hub", report + " report submitted", caller.name());
      audit.record(caller, "incident.report", c.orgId(), id + " " + report);
    }
  }

  /**
   * Notifies the organisations holding the affected product (its package in their SBOMs) with the
   * operator's message, as a broadcast in each organisation's language. Answers how many.
   */
  @Transactional
  int notifyHolders(Caller caller, UUID id, String message) {
    Case c = readable(caller, id);
    if (!mayNotify(caller)) throw new AccessDeniedException(caller.role() + " may not notify other organisations");
    String body = text(message, "message", 20_000);
    if (c.servicePurl() == null) {
      throw new BadInputException("the case names no package ('servicePurl'): the hub finds the holders of a product by its package");
    }
    var key = InstalledPackage.keyOf(c.servicePurl()).orElseThrow();
    var holders = inventory.componentsOf(List.of(key)).stream().map(StoredComponent::orgId).distinct().toList();
    if (holders.isEmpty()) throw new BadInputException("no organisation holds " + key + " in its SBOMs");
    List<Addressee> to = directory.addressees(false, Set.of(), Set.of(), Set.copyOf(holders));
    var byLanguage = new TreeMap<String, List<UUID>>();
    for (Addressee a : to) byLanguage.computeIfAbsent(Languages.of(a.language()).getLanguage(), l -> new ArrayList<>()).add(a.orgId());
    byLanguage.forEach((language, orgs) -> {
      Locale locale = Languages.of(language);
      String title = messages.getMessage("incident.notice.title", new Object[] {c.service(), c.title()}, locale);
      broadcasts.send(caller, new Notice("incident.notice", title, body + "\n\n---\n\n"
          + messages.getMessage("incident.notice.footer", new Object[] {key.toString(), c.severity().name()}, locale),
          Audience.organisations(orgs), List.of(), false));
    });
    Instant now = Instant.now();
    timeline(c, now, Category.COMMUNICATION, "hub", "notice sent to " + to.size() + " organisations holding " + key, caller.name());
    audit.record(caller, "incident.notify", c.orgId(), id + " " + to.size() + " holders of " + key);
    return to.size();
  }

  /** The case and member of a join link; empty for a link that is not genuine. */
  java.util.Optional<Joining> joining(String token) {
    return links.verify(token).flatMap(ids -> repository.find(ids.incident())
        .flatMap(c -> repository.member(c.id(), ids.member()).map(m -> new Joining(c, m, repository.members(c.id()),
            ReportingClocks.of(c.awareAt(), c.zone(), repository.submitted(c.id()), Instant.now())))));
  }

  record Joining(Case incident, Member member, List<Member> members, List<ReportingClocks.Clock> clocks) {}

  /** The member follows the signed link: recorded as joined (once) on the case and its timeline. */
  @Transactional
  java.util.Optional<Joining> join(String token) {
    var joining = joining(token);
    joining.ifPresent(j -> {
      Instant now = Instant.now();
      if (repository.joined(j.member().id(), now)) {
        timeline(j.incident(), now, Category.COMMITTEE, "join link", j.member().name() + " joined the review committee",
            j.member().email());
        audit.attempt(j.member().email(), j.incident().orgId(), "incident.join", j.incident().id() + " member " + j.member().id());
      }
    });
    return joining.flatMap(j -> joining(token));
  }

  String joinUrl(UUID incident, UUID member) {
    return baseUrl + "/incidents/join/" + links.token(incident, member);
  }

  private void timeline(Case c, Instant at, Category category, String source, String text, String by) {
    repository.insertEvent(c.id(), new TimelineEntry(UUID.randomUUID(), at, c.zone(), category, source, text, at, by));
  }

  private Case readable(Caller caller, UUID id) {
    Case c = repository.find(id).orElseThrow(() -> new NotFoundException("incident"));
    if (!maySee(caller, c)) throw new NotFoundException("incident");
    return c;
  }

  /** 404 for a case the caller may not see, 403 for one it may not change: before any input is looked at. */
  void requireWriter(Caller caller, UUID id) {
    writable(caller, id);
  }

  private Case writable(Caller caller, UUID id) {
    Case c = readable(caller, id);
    if (!mayWrite(caller, c)) throw new AccessDeniedException(caller.role() + " may not change this incident case");
    return c;
  }

  static boolean maySee(Caller caller, Case c) {
    if (caller.isOperator()) return true;
    if (caller.orgId().equals(c.orgId())) return caller.role() != Role.REPORTER;
    // An AMBER case is shared with the organisation's sector; AMBER+STRICT and RED with no one outside it.
    return TlpPolicy.maySee(caller, new Marking(c.tlp(), c.orgId(), c.tlp() == Tlp.AMBER ? c.orgSector() : null));
  }

  static boolean isParticipant(Caller caller, Case c) {
    return caller.isOperator() || (caller.orgId().equals(c.orgId()) && caller.role() != Role.REPORTER);
  }

  static boolean mayWrite(Caller caller, Case c) {
    return caller.isOperator()
        || (caller.orgId().equals(c.orgId()) && (caller.role() == Role.CISO || caller.role() == Role.SECTOR_OPERATOR));
  }

  static boolean mayNotify(Caller caller) {
    return caller.isOperator();
  }

  static String text(String value, String field, int max) {
    if (value == null || value.isBlank()) throw new BadInputException("'" + field + "' is empty");
    String v = value.strip();
    if (v.length() > max) throw new BadInputException("'" + field + "' is longer than " + max + " characters");
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An evidence file over {@code haetae.incidents.evidence-limit}: answered 413 with both sizes. */
  static final class EvidenceTooLarge extends RuntimeException {
    EvidenceTooLarge(long size, long limit) {
      super("'file' is " + size + " bytes; evidence files may be at most " + limit + " bytes (haetae.incidents.evidence-limit)");
    }
  }
}
