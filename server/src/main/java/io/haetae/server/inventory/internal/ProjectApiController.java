package io.haetae.server.inventory.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.inventory.UnmatchedComponent;
import io.haetae.server.web.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dependency-Track's project calls that upload clients make around an upload. */
@RestController
class ProjectApiController {

  private final InventoryService inventory;

  ProjectApiController(InventoryService inventory) {
    this.inventory = inventory;
  }

  @GetMapping("/api/v1/project/lookup")
  Map<String, Object> lookup(Caller caller, @RequestParam String name, @RequestParam(required = false) String version) {
    return json(inventory.lookup(caller, name, version).orElseThrow(() -> new NotFoundException("project")));
  }

  @GetMapping("/api/v1/project")
  List<Map<String, Object>> byName(Caller caller, @RequestParam(required = false) String name) {
    return inventory.projectsNamed(caller, name == null || name.isBlank() ? null : name).stream()
        .map(ProjectApiController::json).toList();
  }

  @GetMapping("/api/v1/project/{uuid}")
  Map<String, Object> get(Caller caller, @PathVariable String uuid) {
    return json(inventory.project(caller, BomApiController.uuid(uuid, "uuid"))
        .orElseThrow(() -> new NotFoundException("project")));
  }

  /** Haetae's own: components no advisory can reach, with the reason (not a Dependency-Track call). */
  @GetMapping("/api/v1/project/{uuid}/unmatched")
  List<UnmatchedComponent> unmatched(Caller caller, @PathVariable String uuid) {
    return inventory.unmatched(caller, BomApiController.uuid(uuid, "uuid"));
  }

  @DeleteMapping("/api/v1/project/{uuid}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(Caller caller, @PathVariable String uuid) {
    inventory.delete(caller, BomApiController.uuid(uuid, "uuid"));
  }

  static Map<String, Object> json(Project p) {
    var m = new LinkedHashMap<String, Object>();
    m.put("uuid", p.id().toString());
    m.put("name", p.name());
    m.put("version", p.version().isEmpty() ? null : p.version());
    m.put("active", true);
    m.put("lastBomImport", p.lastBomAt() == null ? null : p.lastBomAt().toEpochMilli());
    return m;
  }
}
