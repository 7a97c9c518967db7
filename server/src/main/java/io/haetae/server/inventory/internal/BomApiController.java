package io.haetae.server.inventory.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.InventoryService.Target;
import io.haetae.server.inventory.Upload;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * SBOM upload as Dependency-Track's API takes it, so CI plugins and scripts written for
 * Dependency-Track work by changing only the URL and key.
 */
@RestController
class BomApiController {

  private final InventoryService inventory;

  BomApiController(InventoryService inventory) {
    this.inventory = inventory;
  }

  /** Dependency-Track's {@code BomSubmitRequest}; {@code bom} is base64. */
  record BomSubmitRequest(String project, String projectName, String projectVersion, Boolean autoCreate, String bom) {}

  @PutMapping(path = "/api/v1/bom", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> put(Caller caller, @RequestBody BomSubmitRequest request) {
    if (request == null) throw new BadInputException("request body is empty");
    if (request.bom() == null || request.bom().isBlank()) throw new BadInputException("field 'bom' is missing");
    byte[] content;
    try {
      content = Base64.getMimeDecoder().decode(request.bom().strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("field 'bom' is not valid base64: " + e.getMessage());
    }
    Target target = target(request.project(), request.projectName(), request.projectVersion(), request.autoCreate());
    return token(inventory.importSbom(caller, target, content, "bom"));
  }

  @PostMapping(path = "/api/v1/bom", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, String> post(Caller caller, HttpServletRequest request) throws IOException {
    if (!(request instanceof MultipartHttpServletRequest multipart)) throw new BadInputException("expected multipart/form-data");
    MultipartFile file = multipart.getFile("bom");
    byte[] content;
    String source = "bom";
    if (file != null && !file.isEmpty()) {
      content = file.getBytes();
      if (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank()) source = file.getOriginalFilename();
    } else if (multipart.getParameter("bom") != null && !multipart.getParameter("bom").isBlank()) {
      content = multipart.getParameter("bom").getBytes(StandardCharsets.UTF_8);
    } else {
      throw new BadInputException("part 'bom' is missing");
    }
    String autoCreate = multipart.getParameter("autoCreate");
    Target target = target(multipart.getParameter("project"), multipart.getParameter("projectName"),
        multipart.getParameter("projectVersion"), autoCreate != null && Boolean.parseBoolean(autoCreate.strip()));
    return token(inventory.importSbom(caller, target, content, source));
  }

  @GetMapping("/api/v1/bom/token/{token}")
  Map<String, Object> status(Caller caller, @PathVariable String token) {
    Upload upload = inventory.upload(caller, uuid(token, "token")).orElseThrow(() -> new NotFoundException("token"));
    return Map.of("processing", upload.processing());
  }

  private static Target target(String project, String name, String version, Boolean autoCreate) {
    UUID id = project == null || project.isBlank() ? null : uuid(project, "project");
    return new Target(id, name, version, Boolean.TRUE.equals(autoCreate));
  }

  static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'" + field + "' is not a UUID");
    }
  }

  private static Map<String, String> token(Upload upload) {
    return Map.of("token", upload.token().toString());
  }
}
