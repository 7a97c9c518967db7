package io.haetae.server.checks.internal;

import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.AudienceRefusedException;
import io.haetae.server.checks.internal.CheckRecords.Answer;
import io.haetae.server.checks.internal.CheckRecords.Check;
import io.haetae.server.checks.internal.CheckRecords.CheckView;
import io.haetae.server.checks.internal.CheckRecords.Item;
import io.haetae.server.checks.internal.CheckRecords.ItemKind;
import io.haetae.server.checks.internal.CheckRecords.ItemResult;
import io.haetae.server.checks.internal.CheckRecords.OrgStatus;
import io.haetae.server.checks.internal.CheckRecords.Rollup;
import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/checks}: open a check (sector or national operator), answer it (CISO), read where
 * it stands (docs/checks.md).
 */
@RestController
class CheckApi {

  private final Checks checks;
  private final AuditLog audit;

  CheckApi(Checks checks, AuditLog audit) {
    this.checks = checks;
    this.audit = audit;
  }

  record ItemBody(String kind, String text) {}

  record CheckBody(String title, String description, String dueDate, Object scope, List<ItemBody> items) {}

  record AnswerBody(Integer item, String answer, String comment) {}

  record ResponseBody(List<AnswerBody> answers, Boolean submit) {}

  record ItemJson(int item, String kind, String text) {}

  record ResultJson(int item, String kind, String result, boolean ok, String detail, String comment, String evidence,
      String evidenceSha256) {}

  record OrgJson(UUID organisation, String name, String sector, String status, Instant submittedAt, boolean late,
      boolean compliant, List<ResultJson> items) {}

  record SectorJson(String sector, int inScope, int responded, int compliant, int late) {}

  record CheckJson(UUID id, String title, String description, LocalDate dueDate, String scope, String issuer, Instant createdAt,
      List<ItemJson> items, Integer inScope, Integer responded, Integer compliant, Integer late, List<OrgJson> organisations,
      List<SectorJson> bySector) {}

  record SummaryJson(UUID id, String title, LocalDate dueDate, String scope, String issuer, Instant createdAt, int inScope,
      int responded) {}

  @PostMapping("/api/v1/checks")
  ResponseEntity<CheckJson> open(Caller caller, @RequestBody(required = false) CheckBody body) {
    if (body == null) throw new BadInputException("request body is missing");
    var check = checks.open(caller, new Checks.NewCheck(body.title(), body.description(), date(body.dueDate()),
        body.scope() == null ? null : Audience.fromJson(body.scope(), "scope"), items(body.items())));
    return ResponseEntity.created(URI.create("/api/v1/checks/" + check.id())).body(json(checks.view(caller, check.id())));
  }

  @GetMapping("/api/v1/checks")
  List<SummaryJson> list(Caller caller) {
    var visible = checks.visible(caller);
    var counts = checks.counts(visible);
    return visible.stream().map(c -> {
      int[] n = counts.getOrDefault(c.id(), new int[2]);
      return new SummaryJson(c.id(), c.title(), c.dueDate(), c.scope(), c.issuerName(), c.createdAt(), n[0], n[1]);
    }).toList();
  }

  @GetMapping("/api/v1/checks/{id}")
  CheckJson one(Caller caller, @PathVariable UUID id) {
    return json(checks.view(caller, id));
  }

  @PostMapping("/api/v1/checks/{id}/responses")
  CheckJson respond(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ResponseBody body) {
    checks.requireParticipant(caller, id);
    if (body == null || body.answers() == null) throw new BadInputException("'answers' is missing: [{\"item\": 1, \"answer\": \"YES\"}]");
    var answers = new LinkedHashMap<Integer, Answer>();
    var comments = new LinkedHashMap<Integer, String>();
    for (int i = 0; i < body.answers().size(); i++) {
      AnswerBody a = body.answers().get(i);
      if (a == null || a.item() == null) throw new BadInputException("'answers[" + i + "].item' is missing");
      answers.put(a.item(), Answer.parse(a.answer(), "answers[" + i + "].answer"));
      if (a.comment() != null) comments.put(a.item(), a.comment());
    }
    return json(checks.answer(caller, id, answers, comments, Boolean.TRUE.equals(body.submit())));
  }

  @PostMapping("/api/v1/checks/{id}/evidence")
  ResponseEntity<Void> evidence(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer item,
      @RequestParam(required = false) MultipartFile file) throws IOException {
    checks.requireParticipant(caller, id);
    if (item == null) throw new BadInputException("'item' is missing: the number of the question the file is evidence for");
    if (file == null) throw new BadInputException("'file' is missing (multipart/form-data)");
    checks.attach(caller, id, item, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(AudienceRefusedException.class)
  ProblemDetail refused(AudienceRefusedException e, Caller caller, HttpServletRequest request) {
    audit.refused(caller, request.getMethod() + " " + request.getRequestURI() + ": " + e.getMessage().replace("'audience", "'scope"));
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage().replace("'audience", "'scope"));
    p.setTitle(HttpStatus.FORBIDDEN.getReasonPhrase());
    return p;
  }

  static LocalDate date(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadInputException("'dueDate' must be a date as YYYY-MM-DD, not '" + value + "'");
    }
  }

  static List<Item> items(List<ItemBody> bodies) {
    if (bodies == null) return List.of();
    var out = new ArrayList<Item>();
    for (int i = 0; i < bodies.size(); i++) {
      ItemBody b = bodies.get(i);
      if (b == null) throw new BadInputException("'items[" + i + "]' is empty");
      ItemKind kind = b.kind() == null && b.text() != null ? ItemKind.QUESTION : ItemKind.parse(b.kind(), "items[" + i + "].kind");
      out.add(new Item(i + 1, kind, b.text()));
    }
    return out;
  }

  static CheckJson json(CheckView v) {
    Check c = v.check();
    var items = c.items().stream().map(i -> new ItemJson(i.position(), i.kind().name(), i.text())).toList();
    var orgs = v.organisations().stream().map(CheckApi::json).toList();
    var sectors = v.bySector().stream().map((Rollup r) -> new SectorJson(r.sector(), r.inScope(), r.responded(), r.compliant(),
        r.late())).toList();
    return new CheckJson(c.id(), c.title(), c.description(), c.dueDate(), c.scope(), c.issuerName(), c.createdAt(), items,
        v.issuer() ? v.inScope() : null, v.issuer() ? v.responded() : null, v.issuer() ? v.compliant() : null,
        v.issuer() ? v.late() : null, orgs, v.issuer() ? sectors : null);
  }

  static OrgJson json(OrgStatus s) {
    var results = s.items().stream().map((ItemResult r) -> new ResultJson(r.item(), r.kind().name(), r.result(), r.ok(),
        r.detail(), r.comment(), r.evidence() == null ? null : r.evidence().name(),
        r.evidence() == null ? null : r.evidence().sha256())).toList();
    return new OrgJson(s.orgId(), s.name(), s.sector(), s.progress().name(), s.submittedAt(), s.late(), s.compliant(), results);
  }
}
