package io.haetae.server.disclosure;

import io.haetae.server.disclosure.internal.CaseRepository;
import io.haetae.server.disclosure.internal.ReportRepository;
import io.haetae.server.disclosure.internal.TriageRanking;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.TlpPolicy;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coordinated disclosure of reports (issue 16; docs/disclosure.md): reading a case, moving it
 * through the Vultron states, its embargo, inviting vendors and coordinators, comments and fixes
 * on one timeline, and triage of whole clusters ranked by SSVC inputs.
 *
 * <p>Who may do what: the reporter's organisation and invited organisations read the case (an
 * invitation shares it under TLP:AMBER+STRICT), and so does whoever the report's TLP admits.
 * Analysts triage: national operators every report, an ISAC analyst the cases its organisation
 * coordinates. Anyone else gets the 404 a missing report gets.
 */
@Service
public class Disclosure {

  static final int TRIAGE_WINDOW = 20_000;
  private static final int PATCH_LIMIT = 200 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ReportRepository reports;
  private final CaseRepository cases;
  private final TriageRanking ranking;
  private final OrganisationService organisations;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final io.haetae.server.inventory.InventoryService inventory;
  private final ZoneId zone;

  Disclosure(ReportRepository reports, CaseRepository cases, TriageRanking ranking, OrganisationService organisations,
      AuditLog audit, ApplicationEventPublisher events, io.haetae.server.inventory.InventoryService inventory,
      @Value("${haetae.disclosure.zone:Asia/Seoul}") ZoneId zone) {
    this.inventory = inventory;
    this.reports = reports;
    this.cases = cases;
    this.ranking = ranking;
    this.organisations = organisations;
    this.audit = audit;
    this.events = events;
    this.zone = zone;
  }

  /** The agency's time zone: embargo ends are read and shown in it. */
  public ZoneId zone() {
    return zone;
  }

  // --- reading -------------------------------------------------------------------------------

  /** The report if the caller may read it; otherwise 404, and a foreign one is audited as refused. */
  public Report get(Caller caller, UUID id) {
    var found = reports.find(id);
    if (found.isPresent() && mayRead(caller, found.get(), invited(id))) return found.get();
    if (found.isPresent()) audit.refused(caller, "report " + id);
    throw new NotFoundException("report");
  }

  public CaseView view(Caller caller, UUID id) {
    Report r = get(caller, id);
    var invited = invited(id);
    boolean triage = mayTriage(caller, invited);
    CaseFile file = cases.find(id);
    if (!triage) file = new CaseFile(file.reportId(), file.clusterId(), file.duplicateOf(), file.similarity(), file.clusterReason(),
        file.embargo(), file.embargoEndsAt(), null);
    var participants = cases.participants(id).stream().map(p -> new Participant(p.orgId(),
        organisations.find(p.orgId()).map(Organisation::name).orElse("?"), p.kind(), p.invitedBy(), p.invitedAt())).toList();
    return new CaseView(r, file, participants, cases.timeline(id), triage, mayComment(caller, r, invited),
        mayAttachFix(caller, invited), triage ? r.state().next() : Set.of());
  }

  /** The case files of these reports (clusters, embargo; the fabrication flag only for analysts). */
  public Map<UUID, CaseFile> files(Caller caller, List<Report> visible) {
    var ids = visible.stream().map(Report::id).toList();
    var found = cases.find(ids);
    var invited = caller.may(Capability.TRIAGE_REPORTS) && !caller.isOperator() ? cases.participants(ids) : Map.<UUID, Map<UUID, Participant.Kind>>of();
    var out = new HashMap<UUID, CaseFile>();
    for (Report r : visible) {
      CaseFile f = found.getOrDefault(r.id(), CaseFile.alone(r.id()));
      if (!mayTriage(caller, invited.getOrDefault(r.id(), Map.of()))) f = new CaseFile(f.reportId(), f.clusterId(), f.duplicateOf(),
          f.similarity(), f.clusterReason(), f.embargo(), f.embargoEndsAt(), null);
      out.put(r.id(), f);
    }
    return out;
  }

  /** The newest reports the caller may read: own organisation's, invited ones, what TLP admits, all for operators. */
  public List<Report> list(Caller caller) {
    var invitedTo = caller == null ? Set.<UUID>of() : cases.invitedTo(caller.orgId());
    var out = new ArrayList<Report>(reports.readableBy(caller, 500).stream().filter(r -> TlpPolicy.maySee(caller, r.marking())).toList());
    var seen = new java.util.HashSet<UUID>();
    out.forEach(r -> seen.add(r.id()));
    reports.findAll(invitedTo).stream().filter(r -> seen.add(r.id())).forEach(out::add);
    out.sort(Comparator.comparing(Report::submittedAt).reversed());
    return out;
  }

  public List<TimelineEntry> timeline(Caller caller, UUID id) {
    get(caller, id);
    return cases.timeline(id);
  }

  // --- triage --------------------------------------------------------------------------------

  /** The report, when the caller triages it (publication, issue 16 part 3); 404 or 403 as a move would get. */
  public Report triaged(Caller caller, UUID id) {
    Report r = get(caller, id);
    requireTriage(caller, invited(id));
    return r;
  }

  /** Moves one report; 409 naming the allowed moves when the table forbids it. */
  @Transactional
  public Report transition(Caller caller, UUID id, String state, String comment) {
    Report r = get(caller, id);
    requireTriage(caller, invited(id));
    ReportState to = state(state);
    String note = comment(comment, false);
    if (!r.state().mayMoveTo(to)) throw new IllegalReportMove(List.of(IllegalReportMove.describe("report " + id, r.state(), to, r.state().next())));
    move(caller, r, to, note);
    return reports.find(id).orElseThrow();
  }

  /**
   * Moves every report of a cluster, all or nothing: reports already in the target state are left
   * as they are; one the table forbids to move makes it a 409 naming each such report. The caller
   * must be allowed to triage every report of the cluster.
   */
  @Transactional
  public List<Report> transitionCluster(Caller caller, UUID clusterId, String state, String comment) {
    var members = clusterReports(caller, clusterId);
    ReportState to = state(state);
    String note = comment(comment, false);
    var refusals = new ArrayList<String>();
    for (Report r : members) {
      if (r.state() != to && !r.state().mayMoveTo(to)) refusals.add(IllegalReportMove.describe("report " + r.id(), r.state(), to, r.state().next()));
    }
    if (!refusals.isEmpty()) throw new IllegalReportMove(refusals);
    var moved = new ArrayList<Report>();
    for (Report r : members) {
      if (r.state() == to) continue;
      move(caller, r, to, note == null ? "cluster " + clusterId : note + " (cluster " + clusterId + ")");
      moved.add(r);
    }
    audit.record(caller, "report.cluster.transition", null, "cluster " + clusterId + " " + moved.size() + " reports -> " + to);
    return reports.findAll(members.stream().map(Report::id).toList());
  }

  private void move(Caller caller, Report r, ReportState to, String note) {
    if (!reports.move(r.id(), r.state(), to)) {
      throw new IllegalReportMove(List.of("report " + r.id() + " was moved by someone else meanwhile; read it again"));
    }
    Instant now = now();
    cases.append(r.id(), now, caller.name(), caller.orgId(), "MOVED", r.state().name(), to.name(), note, null);
    audit.record(caller, "report.transition", r.marking().origin(), "report " + r.id() + " " + r.state() + " -> " + to);
    events.publishEvent(new ReportMoved(r.id(), cases.find(r.id()).clusterId(), r.state(), to));
  }

  /** Moves the embargo; {@code endsAt} is a date-time (or a date: its start) in the agency's time zone, or with an offset. */
  @Transactional
  public CaseFile embargo(Caller caller, UUID id, String state, String endsAt, String comment) {
    Report r = get(caller, id);
    requireTriage(caller, invited(id));
    EmbargoState to = EmbargoState.parse(state);
    if (to == null) throw new BadInputException("'/state' must be one of " + List.of(EmbargoState.values()));
    CaseFile file = cases.find(id);
    if (!file.embargo().next().contains(to)) {
      throw new IllegalReportMove(List.of(IllegalReportMove.describe("the embargo of report " + id, file.embargo(), to, file.embargo().next())));
    }
    Instant ends = null;
    if (to.needsEnd()) {
      ends = endsAt == null || endsAt.isBlank() ? (to == EmbargoState.ACTIVE ? file.embargoEndsAt() : null) : instant(endsAt);
      if (ends == null) throw new BadInputException("'/endsAt' is missing: a " + to + " embargo needs an end");
      if (!ends.isAfter(now())) throw new BadInputException("'/endsAt' must be in the future, not " + endsAt);
    }
    String note = comment(comment, false);
    cases.embargo(id, to, ends);
    cases.append(id, now(), caller.name(), caller.orgId(), "EMBARGO", file.embargo().name(), to.name(), note,
        ends == null ? null : ends.atZone(zone).toOffsetDateTime().toString());
    audit.record(caller, "report.embargo", r.marking().origin(), "report " + id + " embargo " + file.embargo() + " -> " + to
        + (ends == null ? "" : " until " + ends));
    return cases.find(id);
  }

  /**
   * Invites an organisation to the case: a vendor (analysts) or a coordinating ISAC (national
   * operators only). Its CISO is told by mail ({@link InvitedToCase}), once however often it is invited.
   */
  @Transactional
  public Participant invite(Caller caller, UUID id, String organisation, String kind) {
    Report r = get(caller, id);
    requireTriage(caller, invited(id));
    Participant.Kind k = Participant.Kind.parse(kind);
    if (k == null) throw new BadInputException("'/role' must be VENDOR or COORDINATOR");
    if (k == Participant.Kind.COORDINATOR && !caller.isOperator()) throw new AccessDeniedException("only national operators appoint coordinators");
    UUID orgId;
    try {
      orgId = UUID.fromString(organisation == null ? "" : organisation.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'/organisation' must be an organisation id");
    }
    Organisation org = organisations.find(orgId).orElseThrow(() -> new BadInputException("'/organisation' names no organisation"));
    if (r.marking().tlp() == Tlp.RED) {
      throw new IllegalReportMove(List.of("report " + id + " is TLP:RED: it is not shared with other organisations"));
    }
    Instant now = now();
    boolean first = !invited(id).containsKey(orgId);
    cases.invite(id, orgId, k, caller.name(), now);
    cases.append(id, now, caller.name(), caller.orgId(), "INVITED", null, k.name(), null, org.name() + " (" + orgId + ") TLP:AMBER+STRICT");
    audit.record(caller, "report.invite", orgId, "report " + id + " " + k + " " + orgId);
    if (first) events.publishEvent(new InvitedToCase(id, orgId, k, caller.orgId()));
    return new Participant(orgId, org.name(), k, caller.name(), now);
  }

  /** The organisations that could be the vendor: those holding the package in their SBOMs, and the one named as vendor. */
  public List<VendorCandidate> vendors(Caller caller, UUID id) {
    Report r = get(caller, id);
    // Who holds what is inventory: only national operators see it.
    if (!caller.isOperator()) throw new AccessDeniedException("only national operators see who holds a package");
    var out = new LinkedHashMap<UUID, VendorCandidate>();
    String vendor = r.submission().vendor();
    if (vendor != null) organisations.findByName(vendor).ifPresent(o -> out.put(o.id(), new VendorCandidate(o.id(), o.name(), true, 0)));
    var key = io.haetae.server.disclosure.internal.VersionEvidence.key(r);
    if (key.isPresent()) {
      var counts = new HashMap<UUID, Integer>();
      inventory.componentsOf(List.of(key.get())).forEach(c -> counts.merge(c.orgId(), 1, Integer::sum));
      counts.forEach((org, n) -> organisations.find(org).ifPresent(o -> out.merge(org, new VendorCandidate(org, o.name(), false, n),
          (a, b) -> new VendorCandidate(org, o.name(), a.namedVendor(), b.components()))));
    }
    return List.copyOf(out.values());
  }

  /** A comment on the timeline: by an analyst, the reporter's organisation or an invited one. */
  @Transactional
  public TimelineEntry comment(Caller caller, UUID id, String text) {
    Report r = get(caller, id);
    if (!mayComment(caller, r, invited(id))) throw new AccessDeniedException("may not comment on report " + id);
    String note = comment(text, true);
    cases.append(id, now(), caller.name(), caller.orgId(), "COMMENT", null, null, note, null);
    audit.record(caller, "report.comment", r.marking().origin(), "report " + id);
    return last(id);
  }

  /** A fix attached by an invited vendor (or an analyst): a fixed version, a URL, a patch; at least one. */
  @Transactional
  public TimelineEntry attachFix(Caller caller, UUID id, String version, String url, String patch, String text) {
    Report r = get(caller, id);
    if (!mayAttachFix(caller, invited(id))) throw new AccessDeniedException("may not attach a fix to report " + id);
    version = blankToNull(version);
    url = blankToNull(url);
    patch = blankToNull(patch);
    if (version == null && url == null && patch == null) throw new BadInputException("a fix needs '/version', '/url' or '/patch'");
    if (version != null && version.length() > 100) throw new BadInputException("'/version' is longer than 100 characters");
    if (url != null) url(url);
    if (patch != null && patch.getBytes(StandardCharsets.UTF_8).length > PATCH_LIMIT) {
      throw new BadInputException("'/patch' is larger than " + PATCH_LIMIT / 1024 + " KB");
    }
    var detail = JSON.createObjectNode();
    detail.put("version", version);
    detail.put("url", url);
    if (patch != null) {
      detail.put("patchSha256", sha256(patch));
      detail.put("patch", patch);
    }
    cases.append(id, now(), caller.name(), caller.orgId(), "FIX", null, null, comment(text, false), JSON.writeValueAsString(detail));
    audit.record(caller, "report.fix", r.marking().origin(), "report " + id + (version == null ? "" : " fixed in " + version));
    return last(id);
  }

  // --- clusters ------------------------------------------------------------------------------

  /** The clusters of the reports the caller triages, most urgent first (SSVC priority, then holders, then size). */
  public List<ClusterSummary> clusters(Caller caller) {
    return summaries(groups(triageable(caller)));
  }

  /** One cluster: its summary and its reports, oldest first. */
  public Map.Entry<ClusterSummary, List<Report>> cluster(Caller caller, UUID clusterId) {
    var members = clusterReports(caller, clusterId);
    var summary = summaries(Map.of(clusterId, members)).getFirst();
    return Map.entry(summary, members);
  }

  private List<Report> clusterReports(Caller caller, UUID clusterId) {
    caller.require(Capability.TRIAGE_REPORTS);
    var ids = cases.cluster(clusterId);
    if (ids.isEmpty() && reports.find(clusterId).isPresent()) ids = List.of(clusterId);
    var members = reports.findAll(ids);
    var participants = cases.participants(ids);
    var mine = members.stream().filter(r -> mayTriage(caller, participants.getOrDefault(r.id(), Map.of()))).toList();
    if (mine.isEmpty()) {
      if (!members.isEmpty()) audit.refused(caller, "cluster " + clusterId);
      throw new NotFoundException("cluster");
    }
    if (mine.size() < members.size()) throw new AccessDeniedException("cluster " + clusterId + " holds reports the caller does not triage");
    return members.stream().sorted(Comparator.comparing(Report::submittedAt)).toList();
  }

  private List<Report> triageable(Caller caller) {
    caller.require(Capability.TRIAGE_REPORTS);
    if (caller.isOperator()) return reports.newest(TRIAGE_WINDOW);
    var coordinated = cases.invitedTo(caller.orgId());
    var participants = cases.participants(coordinated);
    return reports.findAll(coordinated).stream()
        .filter(r -> mayTriage(caller, participants.getOrDefault(r.id(), Map.of()))).toList();
  }

  private Map<UUID, List<Report>> groups(List<Report> visible) {
    var files = cases.find(visible.stream().map(Report::id).toList());
    var out = new LinkedHashMap<UUID, List<Report>>();
    visible.stream().sorted(Comparator.comparing(Report::submittedAt)).forEach(r ->
        out.computeIfAbsent(files.getOrDefault(r.id(), CaseFile.alone(r.id())).clusterId(), k -> new ArrayList<>()).add(r));
    return out;
  }

  private List<ClusterSummary> summaries(Map<UUID, List<Report>> groups) {
    var ssvc = ranking.rank(groups);
    var files = cases.find(groups.values().stream().flatMap(List::stream).map(Report::id).toList());
    var out = new ArrayList<ClusterSummary>();
    groups.forEach((id, members) -> {
      var states = new EnumMap<ReportState, Integer>(ReportState.class);
      members.forEach(r -> states.merge(r.state(), 1, Integer::sum));
      int fabricated = (int) members.stream().filter(r -> files.containsKey(r.id()) && files.get(r.id()).fabricated() != null).count();
      Report first = members.getFirst();
      String cwe = members.stream().map(r -> r.submission().cwe()).filter(c -> c != null).findFirst().orElse(null);
      out.add(new ClusterSummary(id, first.submission().title(), first.submission().ecosystem(), first.submission().packageName(), cwe,
          members.size(), states, fabricated, first.submittedAt(), ssvc.get(id)));
    });
    out.sort(Comparator.comparing((ClusterSummary c) -> c.open() == 0)
        .thenComparing(c -> c.ssvc().priority())
        .thenComparing(c -> -c.ssvc().holders())
        .thenComparing(c -> -c.size())
        .thenComparing(ClusterSummary::firstSubmittedAt));
    return out;
  }

  // --- who may -------------------------------------------------------------------------------

  private Map<UUID, Participant.Kind> invited(UUID id) {
    return cases.participants(List.of(id)).getOrDefault(id, Map.of());
  }

  static boolean mayRead(Caller caller, Report r, Map<UUID, Participant.Kind> invited) {
    if (TlpPolicy.maySee(caller, r.marking())) return true;
    return caller != null && invited.containsKey(caller.orgId());
  }

  static boolean mayTriage(Caller caller, Map<UUID, Participant.Kind> invited) {
    if (caller == null || !caller.may(Capability.TRIAGE_REPORTS)) return false;
    return caller.isOperator() || invited.get(caller.orgId()) == Participant.Kind.COORDINATOR;
  }

  /** Members and sector operators read; analysts, the reporter's organisation and invited vendors speak. */
  static boolean mayComment(Caller caller, Report r, Map<UUID, Participant.Kind> invited) {
    if (caller == null || caller.role() == Role.MEMBER || caller.role() == Role.SECTOR_OPERATOR) return false;
    return mayTriage(caller, invited) || caller.orgId().equals(r.marking().origin()) || invited.containsKey(caller.orgId());
  }

  static boolean mayAttachFix(Caller caller, Map<UUID, Participant.Kind> invited) {
    if (caller == null || caller.role() == Role.MEMBER || caller.role() == Role.SECTOR_OPERATOR) return false;
    return mayTriage(caller, invited) || invited.get(caller.orgId()) == Participant.Kind.VENDOR;
  }

  private void requireTriage(Caller caller, Map<UUID, Participant.Kind> invited) {
    if (!mayTriage(caller, invited)) throw new AccessDeniedException(caller.role() + " does not triage this report");
  }

  // --- input ---------------------------------------------------------------------------------

  private static ReportState state(String value) {
    ReportState to = ReportState.parse(value);
    if (to == null) throw new BadInputException("'/state' must be one of " + List.of(ReportState.values()) + ", not '" + value + "'");
    return to;
  }

  private static String comment(String text, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) throw new BadInputException("'/text' is missing");
      return null;
    }
    if (text.length() > 10_000) throw new BadInputException("'/" + (required ? "text" : "comment") + "' is longer than 10000 characters");
    return text.strip();
  }

  private Instant instant(String value) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // not with an offset: local to the agency
    }
    try {
      return LocalDateTime.parse(v).atZone(zone).toInstant();
    } catch (DateTimeParseException ignored) {
      // not a date-time: a date
    }
    try {
      return LocalDate.parse(v).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadInputException("'/endsAt' must be a date (2027-01-15) or date-time (2027-01-15T09:00, in " + zone + "), not '" + value + "'");
    }
  }

  private static void url(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && url.length() <= 2048) return;
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw new BadInputException("'/url' must be an http(s) URL");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TimelineEntry last(UUID id) {
    return cases.timeline(id).getLast();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
