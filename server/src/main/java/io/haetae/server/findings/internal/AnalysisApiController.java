package io.haetae.server.findings.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.haetae.server.findings.AnalysisState;
import io.haetae.server.findings.Finding;
import io.haetae.server.findings.FindingJson;
import io.haetae.server.findings.IllegalFindingMove;
import io.haetae.server.findings.Vocabulary;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.TenantScope;
import io.haetae.server.inventory.InventoryService;
import io.haetae.server.inventory.Project;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dependency-Track's analysis API: {@code PUT /api/v1/analysis} records a decision on one
 * finding (project, component and vulnerability uuids as {@code GET /api/v1/finding/project/{uuid}}
 * shows them), {@code GET /api/v1/analysis} answers it with its trail. States map onto the
 * finding lifecycle as {@link AnalysisState} says (docs/findings.md).
 */
@RestController
class AnalysisApiController {

  /** The body Dependency-Track clients send. */
  record AnalysisRequest(String project, String component, String vulnerability, String analysisState,
      String analysisJustification, String analysisResponse, String analysisDetails, String comment,
      @JsonProperty("isSuppressed") Boolean isSuppressed, Long suppressionExpiration) {}

  /** Dependency-Track's Analysis as it answers it; {@code findingState} and {@code dueDate} are Haetae's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AnalysisResponse(String analysisState, String analysisJustification, String analysisResponse,
      String analysisDetails, List<AnalysisComment> analysisComments, @JsonProperty("isSuppressed") boolean isSuppressed,
      Long suppressionExpiration, String findingState, String dueDate) {}

  record AnalysisComment(long timestamp, String comment, String commenter) {}

  private final InventoryService inventory;
  private final FindingRepository repository;
  private final Assessments assessments;

  AnalysisApiController(InventoryService inventory, FindingRepository repository, Assessments assessments) {
    this.inventory = inventory;
    this.repository = repository;
    this.assessments = assessments;
  }

  @GetMapping(path = "/api/v1/analysis", produces = MediaType.APPLICATION_JSON_VALUE)
  AnalysisResponse get(Caller caller, @RequestParam(required = false) String project,
      @RequestParam(required = false) String component, @RequestParam(required = false) String vulnerability) {
    caller.require(Capability.READ_INVENTORY);
    UUID projectId = project == null || project.isBlank() ? null : uuid(project, "project");
    UUID componentId = uuid(required(component, "component"), "component");
    UUID vulnerabilityId = uuid(required(vulnerability, "vulnerability"), "vulnerability");
    List<Finding> candidates = projectId == null
        ? repository.openOfOrganisation(TenantScope.own(caller), LocalDate.now())
        : repository.allOfProject(TenantScope.of(caller), visible(caller, projectId).id());
    Finding f = locate(candidates, componentId, vulnerabilityId);
    if (f.state() == io.haetae.server.findings.FindingState.NEW && f.assessment().equals(Finding.Assessment.NONE)
        && repository.trail(f.id()).isEmpty()) {
      throw new NotFoundException("analysis");
    }
    return response(f);
  }

  @PutMapping(path = "/api/v1/analysis", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AnalysisResponse put(Caller caller, @RequestBody AnalysisRequest request) {
    caller.require(Capability.WRITE_INVENTORY);
    UUID projectId = uuid(required(request.project(), "project"), "project");
    UUID componentId = uuid(required(request.component(), "component"), "component");
    UUID vulnerabilityId = uuid(required(request.vulnerability(), "vulnerability"), "vulnerability");
    AnalysisState state = request.analysisState() == null ? AnalysisState.NOT_SET
        : parse(AnalysisState.class, request.analysisState(), "analysisState");
    String justification = choice(request.analysisJustification(), Vocabulary.JUSTIFICATIONS, "analysisJustification");
    String response = choice(request.analysisResponse(), Vocabulary.RESPONSES, "analysisResponse");
    if (request.analysisDetails() != null && request.analysisDetails().length() > 4000) {
      throw new BadInputException("'analysisDetails' is longer than 4000 characters");
    }
    if (request.comment() != null && request.comment().length() > 4000) {
      throw new BadInputException("'comment' is longer than 4000 characters");
    }
    LocalDate expires = request.suppressionExpiration() == null ? null
        : Instant.ofEpochMilli(request.suppressionExpiration()).atZone(ZoneOffset.UTC).toLocalDate();
    Project p = visible(caller, projectId);
    Finding f = locate(repository.allOfProject(TenantScope.writable(caller), p.id()), componentId, vulnerabilityId);
    String reason = firstSet(request.comment(), request.analysisDetails(), "analysis " + state);
    Finding after = assessments.apply(f, new Assessments.Decision(state, justification, response,
        request.analysisDetails(), request.isSuppressed(), expires), caller.name(), reason);
    return response(after);
  }

  @ExceptionHandler(IllegalFindingMove.class)
  ProblemDetail refused(IllegalFindingMove e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setProperty("field", "analysisState");
    return problem;
  }

  private AnalysisResponse response(Finding f) {
    var a = f.assessment();
    var comments = repository.trail(f.id()).stream().map(t -> new AnalysisComment(t.at().toEpochMilli(),
        t.from() == t.to()
            ? (t.reason() == null ? "Analysis: " + AnalysisState.of(t.to()) : t.reason())
            : "Analysis: " + AnalysisState.of(t.from()) + " → " + AnalysisState.of(t.to())
                + (t.reason() == null ? "" : " (" + t.reason() + ")"),
        t.actor())).toList();
    return new AnalysisResponse(AnalysisState.of(f).name(),
        a.justification() == null ? "NOT_SET" : Vocabulary.dtJustification(a.justification()),
        a.response() == null ? "NOT_SET" : Vocabulary.dtResponse(a.response()), a.details(), comments,
        a.suppressed(), a.riskExpires() == null ? null : a.riskExpires().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
        f.state().name(), f.dueDate() == null ? null : f.dueDate().toString());
  }

  /** The finding of the component and vulnerability, by the uuids the finding list shows. */
  private static Finding locate(List<Finding> findings, UUID componentId, UUID vulnerabilityId) {
    var ofComponent = findings.stream()
        .filter(f -> FindingJson.componentUuid(f.projectId(), f.componentKey()).equals(componentId)).toList();
    if (ofComponent.isEmpty()) throw new NotFoundException("component");
    return ofComponent.stream().filter(f -> FindingJson.vulnerabilityUuid(f.advisoryId()).equals(vulnerabilityId))
        .findFirst().orElseThrow(() -> new NotFoundException("vulnerability"));
  }

  private Project visible(Caller caller, UUID id) {
    return inventory.project(caller, id).orElseThrow(() -> new NotFoundException("project"));
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) throw new BadInputException("'" + field + "' is required");
    return value;
  }

  static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'" + field + "' is not a UUID");
    }
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("'" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /** A DT enum value as stored (CycloneDX's lower case), null for absent or NOT_SET. */
  static String choice(String value, List<String> allowed, String field) {
    if (value == null || value.isBlank()) return null;
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.equals("NOT_SET")) return null;
    if (!allowed.contains(v)) throw new BadInputException("'" + field + "' must be NOT_SET or one of " + allowed);
    return v.toLowerCase(Locale.ROOT);
  }

  private static String firstSet(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v.strip();
    return null;
  }
}
