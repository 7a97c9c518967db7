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
import org.springframework.web.bind.annotation.RequestParam;
import io.haetae.server.identity.TenantScope;
import org.springframework.web.bind.annotation.RestController;

/** Dependency-Track's finding list and project metrics, in its JSON shapes. */
@RestController
class FindingApiController {

  private final FindingService findings;
  private final InventoryService inventory;
  private final FindingRepository repository;

  FindingApiController(FindingService findings, InventoryService inventory, FindingRepository repository) {
    this.repository = repository;
    this.findings = findings;
    this.inventory = inventory;
  }

  /**
   * As Dependency-Track lists them: every finding of the project whatever its analysis (an open
   * one, one analysed NOT_AFFECTED, ...) except those whose component left the SBOM, and
   * suppressed ones only with {@code suppressed=true}. Overdue first.
   */
  @GetMapping("/api/v1/finding/project/{uuid}")
  List<Map<String, Object>> findingsOf(Caller caller, @PathVariable String uuid,
      @RequestParam(required = false, defaultValue = "false") boolean suppressed) {
    Project project = visible(caller, uuid);
    var out = new ArrayList<Map<String, Object>>();
    for (Finding f : repository.listedOfProject(TenantScope.of(caller), project.id(), suppressed, findings.today())) {
      out.add(json(project, f));
    }
    return out;
  }

  @GetMapping("/api/v1/metrics/project/{uuid}/current")
  Map<String, Object> metrics(Caller caller, @PathVariable String uuid) {
    Project project = visible(caller, uuid);
    List<Finding> listed = repository.listedOfProject(TenantScope.of(caller), project.id(), true, findings.today());
    List<Finding> open = listed.stream().filter(f -> f.state().isOpen() && !f.assessment().suppressed()).toList();
    long suppressedCount = listed.stream().filter(f -> f.assessment().suppressed()).count();
    long audited = listed.stream().filter(f -> f.state() != io.haetae.server.findings.FindingState.NEW).count();
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
    m.put("suppressed", suppressedCount);
    m.put("findingsTotal", listed.size());
    m.put("findingsAudited", audited);
    m.put("findingsUnaudited", listed.size() - audited);
    // Haetae's addition: open findings past their due date (docs/deadlines.md).
    m.put("overdue", open.stream().filter(f -> f.isOverdue(findings.today())).count());
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

  private static Map<String, Object> json(Project project, Finding f) {
    return FindingJson.of(project.id(), FindingJson.componentUuid(project.id(), f.componentKey()), f);
  }
}
