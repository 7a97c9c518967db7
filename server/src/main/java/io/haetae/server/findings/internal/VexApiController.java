package io.haetae.server.findings.internal;

import io.haetae.engine.sbom.SbomException;
import io.haetae.engine.vex.VexReader;
import io.haetae.engine.vex.VexStatement;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Dependency-Track's VEX upload: {@code PUT /api/v1/vex} with JSON ({@code project} uuid, or
 * {@code projectName} and {@code projectVersion}, and {@code vex} in base64) or multipart
 * (the same fields, {@code vex} as a file part; also as {@code POST}). CycloneDX VEX and OpenVEX.
 * Applied at once (Dependency-Track queues it), answered with Dependency-Track's {@code token}
 * and what was applied.
 */
@RestController
class VexApiController {

  /** Dependency-Track's {@code VexSubmitRequest}; {@code vex} is base64. */
  record VexSubmitRequest(String project, String projectName, String projectVersion, String vex) {}

  /** Dependency-Track's answer ({@code token}) and Haetae's count of what changed. */
  record VexSubmitResponse(String token, int statements, int findings) {}

  private final InventoryService inventory;
  private final VexImport vexImport;

  VexApiController(InventoryService inventory, VexImport vexImport) {
    this.inventory = inventory;
    this.vexImport = vexImport;
  }

  @PutMapping(path = "/api/v1/vex", consumes = MediaType.APPLICATION_JSON_VALUE)
  VexSubmitResponse put(Caller caller, @RequestBody VexSubmitRequest request) {
    caller.require(Capability.WRITE_INVENTORY);
    if (request == null) throw new BadInputException("request body is empty");
    if (request.vex() == null || request.vex().isBlank()) throw new BadInputException("field 'vex' is missing");
    byte[] content;
    try {
      content = Base64.getMimeDecoder().decode(request.vex().strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("field 'vex' is not valid base64: " + e.getMessage());
    }
    return submit(caller, request.project(), request.projectName(), request.projectVersion(), content, "vex");
  }

  @PutMapping(path = "/api/v1/vex", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  VexSubmitResponse putMultipart(Caller caller, HttpServletRequest request) throws IOException {
    return post(caller, request);
  }

  @PostMapping(path = "/api/v1/vex", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  VexSubmitResponse post(Caller caller, HttpServletRequest request) throws IOException {
    caller.require(Capability.WRITE_INVENTORY);
    if (!(request instanceof MultipartHttpServletRequest multipart)) throw new BadInputException("expected multipart/form-data");
    MultipartFile file = multipart.getFile("vex");
    byte[] content;
    String source = "vex";
    if (file != null && !file.isEmpty()) {
      content = file.getBytes();
      if (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank()) source = file.getOriginalFilename();
    } else if (multipart.getParameter("vex") != null && !multipart.getParameter("vex").isBlank()) {
      content = multipart.getParameter("vex").getBytes(StandardCharsets.UTF_8);
    } else {
      throw new BadInputException("part 'vex' is missing");
    }
    return submit(caller, multipart.getParameter("project"), multipart.getParameter("projectName"),
        multipart.getParameter("projectVersion"), content, source);
  }

  private VexSubmitResponse submit(Caller caller, String project, String name, String version, byte[] content,
      String source) {
    List<VexStatement> statements;
    try {
      statements = VexReader.read(content, source);
    } catch (SbomException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    if (statements.isEmpty()) throw new BadInputException(source + ": the document has no VEX statements");
    Project p = project(caller, project, name, version);
    var outcome = vexImport.apply(caller, p, statements, source);
    return new VexSubmitResponse(outcome.token().toString(), outcome.statements(), outcome.findings());
  }

  private Project project(Caller caller, String project, String name, String version) {
    if (project != null && !project.isBlank()) {
      UUID id = AnalysisApiController.uuid(project, "project");
      return inventory.project(caller, id).orElseThrow(() -> new NotFoundException("project"));
    }
    if (name == null || name.isBlank()) {
      throw new BadInputException("either 'project' (a project uuid) or 'projectName' is required");
    }
    return inventory.lookup(caller, name.strip(), version == null ? "" : version.strip())
        .orElseThrow(() -> new NotFoundException("project"));
  }
}
