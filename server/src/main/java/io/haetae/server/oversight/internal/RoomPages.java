package io.haetae.server.oversight.internal;

import io.haetae.server.findings.FindingService;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.oversight.internal.Rooms.FindingFilter;
import io.haetae.server.oversight.internal.Rooms.OrgOrder;
import io.haetae.server.oversight.internal.Rooms.OrgRow;
import io.haetae.server.web.Csv;
import io.haetae.server.web.HumanDurations;
import io.haetae.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The situation rooms: national, per sector, per organisation, per project; exposure to one
 * vulnerability; SBOM coverage; the organisation's asset view. Every table is also a CSV.
 * A sector is named "-" in paths when an organisation has none.
 */
@Controller
class RoomPages {

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Projection.ZONE);

  private final Situation situation;
  private final Rooms rooms;
  private final FindingService findings;
  private final MessageSource messages;
  private final HumanDurations durations;

  RoomPages(Situation situation, Rooms rooms, FindingService findings, MessageSource messages, HumanDurations durations) {
    this.durations = durations;
    this.situation = situation;
    this.rooms = rooms;
    this.findings = findings;
    this.messages = messages;
  }

  @GetMapping("/")
  String home(Caller caller) {
    return caller.may(Capability.OVERSEE) ? "redirect:/national" : "redirect:/org";
  }

  // ---- national and sector rooms ------------------------------------------------------------

  /** The national room; a sector operator sees the room of the sectors its ministry supervises. */
  @GetMapping("/national")
  String national(Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      Model model, Locale locale) {
    Scope scope = Scope.of(caller);
    String title = scope.national() ? text("room.national.title", locale)
        : text("room.sectors.title", locale, String.join(", ", scope.sectors().stream().sorted().map(RoomPages::sectorLabel).toList()));
    room(scope, null, Period.parse(from, to), title, model);
    return "oversight/room";
  }

  @GetMapping("/sectors/{sector}")
  String sector(Caller caller, @PathVariable String sector, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String q,
      @RequestParam(required = false) String order, @RequestParam(required = false) Integer page, Model model, Locale locale,
      HttpServletRequest request) {
    String s = sectorOf(sector);
    Scope scope = sectorScope(caller, s);
    Period period = Period.parse(from, to);
    room(scope, s, period, text("room.sector.title", locale, sectorLabel(s)), model);
    String query = blankToNull(q);
    var pager = Pager.of(page, rooms.countOrganisations(scope, query), request);
    model.addAttribute("orgs", rooms.organisations(scope, query, order(order), period, pager.offset(), pager.size()));
    model.addAttribute("pager", pager);
    model.addAttribute("q", query);
    model.addAttribute("order", order(order).name());
    return "oversight/room";
  }

  /** The headline figures alone, polled every few seconds while an advisory wave is processed. */
  @GetMapping({"/national/live", "/sectors/{sector}/live"})
  String live(Caller caller, @PathVariable(required = false) String sector, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Model model) {
    Scope scope = sector == null ? Scope.of(caller) : sectorScope(caller, sectorOf(sector));
    Period period = Period.parse(from, to);
    model.addAttribute("summary", situation.summary(scope, period));
    model.addAttribute("period", period);
    model.addAttribute("liveUrl", sector == null ? "/national/live" : "/sectors/" + sector + "/live");
    model.addAttribute("severities", Rooms.SEVERITIES);
    model.addAttribute("updatedAt", WHEN.format(Instant.now()));
    return "oversight/room :: figures";
  }

  private Scope sectorScope(Caller caller, String sector) {
    Scope scope = Scope.of(caller);
    if (!scope.admits(sector)) throw new NotFoundException("sector");
    return scope.only(sector);
  }

  private void room(Scope scope, String sector, Period period, String title, Model model) {
    var summary = situation.summary(scope, period);
    model.addAttribute("title", title);
    model.addAttribute("sector", sector);
    model.addAttribute("sectorPath", sector == null ? null : sectorPath(sector));
    model.addAttribute("summary", summary);
    model.addAttribute("period", period);
    model.addAttribute("severities", Rooms.SEVERITIES);
    model.addAttribute("liveUrl", sector == null ? "/national/live" : "/sectors/" + sectorPath(sector) + "/live");
    model.addAttribute("updatedAt", WHEN.format(Instant.now()));
    var trend = rooms.trend(scope, period);
    model.addAttribute("trend", trend);
    model.addAttribute("trendDays", trend.stream().map(d -> d.day().toString()).collect(Collectors.joining(",")));
    model.addAttribute("trendCritical", trend.stream().map(d -> Long.toString(d.critical())).collect(Collectors.joining(",")));
    model.addAttribute("trendHigh", trend.stream().map(d -> Long.toString(d.high())).collect(Collectors.joining(",")));
    var total = new Rooms.Tally();
    summary.tallies().values().forEach(total::add);
    var buckets = buckets(total.histogram("FIX"));
    model.addAttribute("fixBuckets", buckets);
    model.addAttribute("fixLabels", buckets.stream().map(Bucket::label).collect(Collectors.joining(",")));
    model.addAttribute("fixCounts", buckets.stream().map(b -> Long.toString(b.count())).collect(Collectors.joining(",")));
    model.addAttribute("sectorNames", summary.bySector().keySet().stream().map(RoomPages::sectorLabel).collect(Collectors.joining(",")));
    model.addAttribute("sectorCriticalHigh", summary.bySector().values().stream()
        .map(f -> Long.toString(f.openBySeverity().get("CRITICAL") + f.openBySeverity().get("HIGH"))).collect(Collectors.joining(",")));
    model.addAttribute("sectorOverdue", summary.bySector().values().stream().map(f -> Long.toString(f.overdue()))
        .collect(Collectors.joining(",")));
  }

  /** One bar of the time-to-fix distribution. */
  record Bucket(String label, long count) {}

  List<Bucket> buckets(Map<Integer, Long> histogram) {
    var out = new ArrayList<Bucket>();
    if (histogram.isEmpty()) return out;
    int first = histogram.keySet().stream().min(Integer::compare).orElse(0);
    int last = histogram.keySet().stream().max(Integer::compare).orElse(0);
    for (int b = first; b <= last; b++) {
      out.add(new Bucket(durations.format(Durations.BOUNDS[b]) + "–" + durations.format(Durations.upper(b)), histogram.getOrDefault(b, 0L)));
    }
    return out;
  }

  @GetMapping("/national.csv")
  ResponseEntity<byte[]> nationalCsv(Caller caller, @RequestParam(required = false) String sector,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    var summary = situation.summary(Situation.scope(caller, sector), Period.parse(from, to));
    var csv = new Csv().row(header("sector"));
    summary.bySector().forEach((s, f) -> csv.row(figureCells(s, f)));
    csv.row(figureCells("TOTAL", summary.total()));
    return csv.file("oversight-" + summary.from() + "-" + summary.to() + ".csv");
  }

  @GetMapping("/sectors/{sector}/organisations.csv")
  ResponseEntity<byte[]> sectorCsv(Caller caller, @PathVariable String sector, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String q) {
    Scope scope = sectorScope(caller, sectorOf(sector));
    Period period = Period.parse(from, to);
    var csv = new Csv().row(header("organisation", "ciso", "projects", "staleProjects", "lastSbom"));
    for (OrgRow o : rooms.organisations(scope, blankToNull(q), OrgOrder.OVERDUE, period, 0, Integer.MAX_VALUE)) {
      var cells = new ArrayList<Object>(figureCells(o.sector(), o.figures()));
      cells.addAll(List.of(o.name(), o.cisoEmail() == null ? "" : o.cisoEmail(), o.projects(), o.staleProjects(),
          o.lastSbomAt() == null ? "" : WHEN.format(o.lastSbomAt())));
      csv.row(cells);
    }
    return csv.file("organisations-" + sectorPath(sectorOf(sector)) + ".csv");
  }

  static List<Object> header(String... extra) {
    var h = new ArrayList<Object>(List.of("sector", "organisations"));
    h.addAll(Rooms.SEVERITIES.stream().map(s -> "open" + s).toList());
    h.addAll(List.of("kevOpen", "overdue", "notAcknowledged", "slaCompliance", "timeToNotifyMedian", "timeToNotifyP90",
        "timeToAcknowledgeMedian", "timeToAcknowledgeP90", "timeToFixMedian", "timeToFixP90"));
    for (String e : extra) if (!e.equals("sector")) h.add(e);
    return h;
  }

  static List<Object> figureCells(String sector, Rooms.Figures f) {
    var c = new ArrayList<Object>(List.of(sector, f.organisations()));
    Rooms.SEVERITIES.forEach(s -> c.add(f.openBySeverity().get(s)));
    c.addAll(java.util.Arrays.asList(f.kevOpen(), f.overdue(), f.notAcknowledged(),
        f.slaCompliance() == null ? "" : String.format(Locale.ROOT, "%.4f", f.slaCompliance()),
        f.timeToNotify().median(), f.timeToNotify().p90(), f.timeToAcknowledge().median(), f.timeToAcknowledge().p90(),
        f.timeToFix().median(), f.timeToFix().p90()));
    return c;
  }

  // ---- organisations, projects, assets ------------------------------------------------------

  /** The caller's own organisation: its figures, its findings overdue first, paged and filtered. */
  @GetMapping("/org")
  String organisation(Caller caller, @RequestParam(required = false) String severity, @RequestParam(required = false) String state,
      @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
      HttpServletRequest request) {
    caller.require(Capability.READ_INVENTORY);
    orgRoom(caller.orgId(), caller.orgName(), null, severity, state, q, page, Period.parse(from, to), model, "/org", request);
    return "oversight/organisation";
  }

  /** An organisation as its overseers see it (404 outside their sectors). */
  @GetMapping("/oversight/organisations/{org}")
  String overseenOrganisation(Caller caller, @PathVariable UUID org, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Model model, HttpServletRequest request) {
    OrgRow row = overseen(caller, org);
    orgRoom(org, row.name(), null, severity, state, q, page, Period.parse(from, to), model, "/oversight/organisations/" + org, request);
    return "oversight/organisation";
  }

  /** A project's findings, for its organisation and its overseers. */
  @GetMapping("/oversight/projects/{project}")
  String project(Caller caller, @PathVariable UUID project, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page, Model model, HttpServletRequest request) {
    var p = visibleProject(caller, project);
    String name = p.version().isEmpty() ? p.name() : p.name() + " " + p.version();
    orgRoom(p.orgId(), name, project, severity, state, q, page, Period.parse(null, null), model, "/oversight/projects/" + project, request);
    model.addAttribute("project", p);
    return "oversight/organisation";
  }

  @GetMapping("/org/findings.csv")
  ResponseEntity<byte[]> organisationCsv(Caller caller, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String q) {
    caller.require(Capability.READ_INVENTORY);
    return findingsCsv(new FindingFilter(caller.orgId(), null, severity(severity), !"all".equals(state), blankToNull(q)));
  }

  @GetMapping("/oversight/organisations/{org}/findings.csv")
  ResponseEntity<byte[]> overseenCsv(Caller caller, @PathVariable UUID org, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String q) {
    overseen(caller, org);
    return findingsCsv(new FindingFilter(org, null, severity(severity), !"all".equals(state), blankToNull(q)));
  }

  @GetMapping("/oversight/projects/{project}/findings.csv")
  ResponseEntity<byte[]> projectCsv(Caller caller, @PathVariable UUID project, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String q) {
    var p = visibleProject(caller, project);
    return findingsCsv(new FindingFilter(p.orgId(), project, severity(severity), !"all".equals(state), blankToNull(q)));
  }

  private ResponseEntity<byte[]> findingsCsv(FindingFilter filter) {
    var csv = new Csv().row("severity", "kev", "advisory", "component", "installed", "fixedVersion", "project", "state",
        "dueDate", "overdue", "opened", "notified", "fixed");
    for (var f : rooms.findings(filter, findings.today(), 0, Integer.MAX_VALUE)) {
      csv.row(f.severity(), f.kev(), f.advisoryId(), f.component(), f.installedVersion(), f.fixedVersion(), f.projectName(),
          f.state(), f.dueDate(), f.overdue(), time(f.openedAt()), time(f.notifiedAt()), time(f.fixedAt()));
    }
    return csv.file("findings.csv");
  }

  private void orgRoom(UUID orgId, String name, UUID project, String severity, String state, String q, Integer page,
      Period period, Model model, String base, HttpServletRequest request) {
    var filter = new FindingFilter(orgId, project, severity(severity), !"all".equals(state), blankToNull(q));
    var pager = Pager.of(page, rooms.countFindings(filter), request);
    model.addAttribute("name", name);
    model.addAttribute("base", base);
    model.addAttribute("org", rooms.organisation(orgId, period).orElse(null));
    model.addAttribute("period", period);
    model.addAttribute("findings", rooms.findings(filter, findings.today(), pager.offset(), pager.size()));
    model.addAttribute("pager", pager);
    model.addAttribute("filter", filter);
    model.addAttribute("severities", Rooms.SEVERITIES);
    model.addAttribute("state", "all".equals(state) ? "all" : "open");
    if (project == null) {
      model.addAttribute("projects", rooms.projects(orgId, false, 0, 10));
      model.addAttribute("projectCount", rooms.countProjects(orgId, false));
    }
    var trend = rooms.trend(orgId, period);
    model.addAttribute("trendDays", trend.stream().map(d -> d.day().toString()).collect(Collectors.joining(",")));
    model.addAttribute("trendCritical", trend.stream().map(d -> Long.toString(d.critical())).collect(Collectors.joining(",")));
    model.addAttribute("trendHigh", trend.stream().map(d -> Long.toString(d.high())).collect(Collectors.joining(",")));
    model.addAttribute("trend", trend);
  }

  /** The organisation's projects with SBOM age, components and open findings; those without an SBOM for 90 days. */
  @GetMapping("/org/assets")
  String assets(Caller caller, @RequestParam(required = false) String stale, @RequestParam(required = false) Integer page, Model model,
      HttpServletRequest request) {
    caller.require(Capability.READ_INVENTORY);
    boolean staleOnly = "true".equals(stale);
    var pager = Pager.of(page, rooms.countProjects(caller.orgId(), staleOnly), request);
    model.addAttribute("name", caller.orgName());
    model.addAttribute("projects", rooms.projects(caller.orgId(), staleOnly, pager.offset(), pager.size()));
    model.addAttribute("staleCount", rooms.countProjects(caller.orgId(), true));
    model.addAttribute("staleOnly", staleOnly);
    model.addAttribute("pager", pager);
    model.addAttribute("now", Instant.now());
    return "oversight/assets";
  }

  @GetMapping("/org/assets.csv")
  ResponseEntity<byte[]> assetsCsv(Caller caller, @RequestParam(required = false) String stale) {
    caller.require(Capability.READ_INVENTORY);
    var csv = new Csv().row("project", "version", "components", "lastSbom", "sbomAgeDays", "openFindings", "openCritical", "noSbomFor90Days");
    for (var p : rooms.projects(caller.orgId(), "true".equals(stale), 0, Integer.MAX_VALUE)) {
      csv.row(p.name(), p.version(), p.components(), time(p.lastSbomAt()), ageDays(p.lastSbomAt()), p.open(), p.critical(), p.stale());
    }
    return csv.file("assets.csv");
  }

  // ---- exposure and coverage ----------------------------------------------------------------

  @GetMapping("/exposure")
  String exposure(Caller caller, @RequestParam(required = false) String id, Model model) {
    Scope scope = Scope.of(caller);
    String asked = blankToNull(id);
    model.addAttribute("id", asked);
    if (asked != null) {
      var rows = situation.exposure(scope, asked);
      model.addAttribute("ids", situation.idsOf(asked));
      model.addAttribute("rows", rows);
      model.addAttribute("organisations", rows.stream().map(Rooms.Exposure::orgId).distinct().count());
      model.addAttribute("stillOpen", rows.stream().filter(r -> Projection.isOpen(r.state())).count());
    }
    return "oversight/exposure";
  }

  @GetMapping("/exposure.csv")
  ResponseEntity<byte[]> exposureCsv(Caller caller, @RequestParam String id) {
    Scope scope = Scope.of(caller);
    var csv = new Csv().row("organisation", "sector", "ciso", "project", "component", "installed", "fixedVersion", "advisory",
        "severity", "state", "alert", "notified", "acknowledged", "fixed");
    for (var e : situation.exposure(scope, id)) {
      csv.row(e.organisation(), e.sector(), e.ciso(), e.project(), e.component(), e.installedVersion(), e.fixedVersion(),
          e.advisoryId(), e.severity(), e.state(), e.alert(), time(e.notifiedAt()), time(e.acknowledgedAt()), time(e.fixedAt()));
    }
    return csv.file("exposure.csv");
  }

  @GetMapping("/coverage")
  String coverage(Caller caller, @RequestParam(required = false) Integer page, Model model, HttpServletRequest request) {
    Scope scope = Scope.of(caller);
    var pager = Pager.of(page, rooms.countCoverageGaps(scope), request);
    model.addAttribute("orgs", rooms.coverageGaps(scope, pager.offset(), pager.size()));
    model.addAttribute("pager", pager);
    return "oversight/coverage";
  }

  @GetMapping("/coverage.csv")
  ResponseEntity<byte[]> coverageCsv(Caller caller) {
    Scope scope = Scope.of(caller);
    var csv = new Csv().row("organisation", "sector", "ciso", "projects", "staleProjects", "lastSbom", "sbomAgeDays");
    for (var o : rooms.coverageGaps(scope, 0, Integer.MAX_VALUE)) {
      csv.row(o.name(), o.sector(), o.cisoEmail(), o.projects(), o.staleProjects(), time(o.lastSbomAt()), ageDays(o.lastSbomAt()));
    }
    return csv.file("coverage.csv");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private OrgRow overseen(Caller caller, UUID org) {
    Scope scope = Scope.of(caller);
    return rooms.organisation(org, Period.parse(null, null)).filter(r -> scope.admits(r.sector()))
        .orElseThrow(() -> new NotFoundException("organisation"));
  }

  private Rooms.ProjectRow visibleProject(Caller caller, UUID project) {
    var p = rooms.project(project).orElseThrow(() -> new NotFoundException("project"));
    if (caller.may(Capability.READ_INVENTORY) && p.orgId().equals(caller.orgId())) return p;
    if (caller.may(Capability.OVERSEE)) {
      var org = rooms.organisation(p.orgId(), Period.parse(null, null));
      if (org.isPresent() && Scope.of(caller).admits(org.get().sector())) return p;
    }
    throw new NotFoundException("project");
  }

  static String sectorOf(String path) {
    return path == null || path.equals("-") ? "" : path.strip();
  }

  public static String sectorPath(String sector) {
    return sector == null || sector.isEmpty() ? "-" : sector;
  }

  public static String sectorLabel(String sector) {
    return sector == null || sector.isEmpty() ? "-" : sector;
  }

  private static OrgOrder order(String order) {
    if (order != null) for (OrgOrder o : OrgOrder.values()) if (o.name().equalsIgnoreCase(order)) return o;
    return OrgOrder.OVERDUE;
  }

  private static String severity(String s) {
    if (s == null || s.isBlank()) return null;
    return Rooms.SEVERITIES.stream().filter(v -> v.equalsIgnoreCase(s.strip())).findFirst().orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip().length() > 200 ? s.strip().substring(0, 200) : s.strip();
  }

  public static String time(Instant i) {
    return i == null ? "" : WHEN.format(i);
  }

  public static Long ageDays(Instant i) {
    return i == null ? null : java.time.Duration.between(i, Instant.now()).toDays();
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
