package io.haetae.server.findings.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingJson;
import io.haetae.server.findings.FindingService;
import io.haetae.server.identity.Caller;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.inventory.StoredComponent;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Dependency-Track's finding list and project metrics, in its JSON shapes. */
@RestController
class FindingApiController {

  private final FindingService findings;
  private final InventoryService inventory;

  FindingApiController(FindingService findings, InventoryService inventory) {
    this.findings = findings;
    this.inventory = inventory;
  }

  @GetMapping("/api/v1/finding/project/{uuid}")
  List<Map<String, Object>> findingsOf(Caller caller, @PathVariable String uuid) {
    Project project = visible(caller, uuid);
    Map<String, UUID> componentIds = componentIds(project);
    var out = new ArrayList<Map<String, Object>>();
    for (Finding f : findings.openOfProject(caller, project.id())) out.add(json(project, f, componentIds));
    return out;
  }

  @GetMapping("/api/v1/metrics/project/{uuid}/current")
  Map<String, Object> metrics(Caller caller, @PathVariable String uuid) {
    Project project = visible(caller, uuid);
    List<Finding> open = findings.openOfProject(caller, project.id());
    List<StoredComponent> stored = inventory.components(project.id());
    int components = stored.size();
    var bands = new HashMap<Severity, Integer>();
    open.forEach(f -> bands.merge(f.severity(), 1, Integer::sum));
    int critical = bands.getOrDefault(Severity.CRITICAL, 0);
    int high = bands.getOrDefault(Severity.HIGH, 0);
    int medium = bands.getOrDefault(Severity.MEDIUM, 0);
    int low = bands.getOrDefault(Severity.LOW, 0);
    int unassigned = open.size() - critical - high - medium - low;
    long vulnerableComponents = open.stream().map(Finding::componentKey).distinct().count();
    var m = new LinkedHashMap<String, Object>();
    m.put("critical", critical);
    m.put("high", high);
    m.put("medium", medium);
    m.put("low", low);
    m.put("unassigned", unassigned);
    m.put("vulnerabilities", open.size());
    m.put("vulnerableComponents", vulnerableComponents);
    m.put("components", components);
    // Haetae's addition: components no advisory can reach (GET /api/v1/project/{uuid}/unmatched lists them).
    m.put("unmatchedComponents", stored.stream().filter(c -> c.ecosystem() == null).count());
    m.put("suppressed", 0);
    m.put("findingsTotal", open.size());
    m.put("findingsAudited", 0);
    m.put("findingsUnaudited", open.size());
    // Dependency-Track's weighting: critical 10, high 5, medium 3, low 1, unassigned 5.
    m.put("inheritedRiskScore", critical * 10 + high * 5 + medium * 3 + low + unassigned * 5);
    return m;
  }

  private Project visible(Caller caller, String uuid) {
    UUID id;
    try {
      id = UUID.fromString(uuid.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'uuid' is not a UUID");
    }
    return inventory.project(caller, id).orElseThrow(() -> new NotFoundException("project"));
  }

  private Map<String, UUID> componentIds(Project project) {
    var ids = new HashMap<String, UUID>();
    for (StoredComponent c : inventory.components(project.id())) ids.putIfAbsent(c.identity(), c.id());
    return ids;
  }

  private static Map<String, Object> json(Project project, Finding f, Map<String, UUID> componentIds) {
    return FindingJson.of(project.id(), componentIds.getOrDefault(f.componentKey(), f.id()), f);
  }
}
