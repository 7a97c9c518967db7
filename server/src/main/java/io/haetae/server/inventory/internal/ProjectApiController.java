package io.haetae.server.inventory.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.inventory.UnmatchedComponent;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

  /** A tag as Dependency-Track writes it. */
  record Tag(String name) {}

  /** Dependency-Track's project properties: group, name, value, type. */
  record ProjectProperty(String groupName, String propertyName, String propertyValue, String propertyType) {}

  /**
   * The part of Dependency-Track's project update the hub keeps: the tag {@code internet-facing}
   * (present: internet-facing; {@code tags} given without it: not). Other fields are ignored.
   */
  record ProjectPatch(List<Tag> tags) {}

  @PatchMapping(path = "/api/v1/project/{uuid}",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> patch(Caller caller, @PathVariable String uuid,
      @RequestBody ProjectPatch patch) {
    var id = BomApiController.uuid(uuid, "uuid");
    if (patch != null && patch.tags() != null) {
      boolean facing = patch.tags().stream().anyMatch(t -> t != null && t.name() != null
          && ExposureMarks.TAG.equalsIgnoreCase(t.name().strip()));
      inventory.markInternetFacing(caller, id, facing);
    }
    return json(inventory.project(caller, id).orElseThrow(() -> new NotFoundException("project")));
  }

  /** Dependency-Track's project property call; the hub keeps {@code haetae:internet-facing} ("true"/"false"). */
  @PutMapping(path = "/api/v1/project/{uuid}/property",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ProjectProperty property(Caller caller, @PathVariable String uuid,
      @RequestBody ProjectProperty property) {
    var id = BomApiController.uuid(uuid, "uuid");
    // Whose project first: a foreign one is 404 whatever the body says.
    inventory.project(caller, id).orElseThrow(() -> new NotFoundException("project"));
    if (property == null || property.propertyName() == null) throw new BadInputException("'propertyName' is required");
    String name = (property.groupName() == null || property.groupName().isBlank() ? "" : property.groupName().strip() + ":")
        + property.propertyName().strip();
    if (!name.equals(ExposureMarks.PROPERTY) && !name.equals("internet-facing")) {
      throw new BadInputException("'propertyName': the hub keeps only " + ExposureMarks.PROPERTY);
    }
    String value = property.propertyValue() == null ? "" : property.propertyValue().strip();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new BadInputException("'propertyValue' must be true or false");
    }
    inventory.markInternetFacing(caller, id, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
    return property;
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
    m.put("tags", p.internetFacing() ? List.of(Map.of("name", ExposureMarks.TAG)) : List.of());
    return m;
  }
}
