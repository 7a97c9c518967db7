package io.haetae.server.oversight.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingService;
import io.haetae.server.findings.OrganisationExposure;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The organisation page (projects and open findings) and the national situation page. */
@Controller
class BoardPages {

  private final FindingService findings;
  private final InventoryService inventory;
  private final OrganisationService organisations;

  BoardPages(FindingService findings, InventoryService inventory, OrganisationService organisations) {
    this.findings = findings;
    this.inventory = inventory;
    this.organisations = organisations;
  }

  @GetMapping("/")
  String home(Caller caller) {
    return caller.may(Capability.OVERSEE) ? "redirect:/national" : "redirect:/org";
  }

  /** The caller's own organisation; htmx requests for a severity filter get the table fragment only. */
  @GetMapping("/org")
  String organisation(Caller caller, @RequestParam(required = false) String severity,
      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
    List<Project> projects = inventory.projectsOf(caller);
    List<Finding> open = findings.openOfOwnOrganisation(caller);
    Map<UUID, Long> perProject = open.stream().collect(Collectors.groupingBy(Finding::projectId, Collectors.counting()));
    Severity filter = parse(severity);
    model.addAttribute("orgName", caller.orgName());
    model.addAttribute("projects", projects);
    model.addAttribute("perProject", perProject);
    model.addAttribute("projectNames", projects.stream().collect(Collectors.toMap(Project::id, BoardPages::label)));
    model.addAttribute("findings", filter == null ? open : open.stream().filter(f -> f.severity() == filter).toList());
    model.addAttribute("counts", findings.ownCounts(caller));
    model.addAttribute("severities", Severity.values());
    model.addAttribute("selected", filter);
    return htmx != null ? "oversight/organisation :: findings" : "oversight/organisation";
  }

  @GetMapping("/national")
  String national(Caller caller, Model model) {
    caller.require(Capability.OVERSEE);
    Map<UUID, Organisation> orgs = new HashMap<>(organisations.visibleTo(caller).stream()
        .collect(Collectors.toMap(Organisation::id, Function.identity())));
    List<OrganisationExposure> exposed = findings.exposedOrganisations(caller);
    model.addAttribute("counts", findings.overseenCounts(caller));
    model.addAttribute("severities", Severity.values());
    model.addAttribute("exposed", exposed);
    model.addAttribute("orgs", orgs);
    return "oversight/national";
  }

  private static String label(Project p) {
    return p.version().isEmpty() ? p.name() : p.name() + " " + p.version();
  }

  private static Severity parse(String severity) {
    if (severity == null || severity.isBlank()) return null;
    for (Severity s : Severity.values()) if (s.name().equalsIgnoreCase(severity.strip())) return s;
    return null;
  }
}
