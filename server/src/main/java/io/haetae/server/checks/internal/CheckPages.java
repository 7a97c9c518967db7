package io.haetae.server.checks.internal;

import io.haetae.server.broadcast.Audience;
import io.haetae.server.broadcast.AudienceRefusedException;
import io.haetae.server.checks.internal.CheckRecords.Answer;
import io.haetae.server.checks.internal.CheckRecords.CheckView;
import io.haetae.server.checks.internal.CheckRecords.EvidenceMeta;
import io.haetae.server.checks.internal.CheckRecords.Item;
import io.haetae.server.checks.internal.CheckRecords.ItemKind;
import io.haetae.server.checks.internal.CheckRecords.OrgStatus;
import io.haetae.server.identity.BusinessSize;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationDirectory;
import io.haetae.server.identity.Role;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.Csv;
import io.haetae.server.web.MarkdownRenderer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /checks}: issuers open checks and follow them (roll-up by sector, late and non-compliant
 * organisations, CSV); organisations answer them with evidence files.
 */
@Controller
class CheckPages {

  private static final int PAGE = 50;
  private static final List<String> FILTERS = List.of("all", "late", "pending", "noncompliant", "compliant");

  private final Checks checks;
  private final OrganisationDirectory directory;
  private final MarkdownRenderer markdown;

  CheckPages(Checks checks, OrganisationDirectory directory, MarkdownRenderer markdown) {
    this.checks = checks;
    this.directory = directory;
    this.markdown = markdown;
  }

  @GetMapping("/checks")
  String list(Caller caller, Model model) {
    var visible = checks.visible(caller);
    model.addAttribute("checks", visible);
    model.addAttribute("counts", checks.counts(visible));
    model.addAttribute("issuer", Checks.mayIssue(caller));
    if (Checks.mayIssue(caller)) form(caller, model);
    return "checks/list";
  }

  @PostMapping("/checks")
  String open(Caller caller, @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String description,
      @RequestParam(defaultValue = "") String dueDate, @RequestParam(required = false) List<String> sectors,
      @RequestParam(required = false) List<String> sizes, @RequestParam(defaultValue = "") String questions,
      @RequestParam(required = false) List<String> automatic, Model model, HttpServletResponse response) {
    try {
      var items = new ArrayList<Item>();
      for (String line : questions.split("\\R")) if (!line.isBlank()) items.add(new Item(items.size() + 1, ItemKind.QUESTION, line.strip()));
      if (automatic != null) for (String a : automatic) items.add(new Item(items.size() + 1, ItemKind.parse(a, "automatic"), null));
      Audience scope = (sectors == null || sectors.isEmpty()) && (sizes == null || sizes.isEmpty()) && caller.isOperator()
          ? Audience.everyone() : Audience.of(new HashSet<>(sectors == null ? List.of() : sectors), sizes(sizes));
      if (scope.isEmpty() && caller.role() == Role.SECTOR_OPERATOR) scope = Audience.of(caller.sectors(), Set.of());
      var check = checks.open(caller, new Checks.NewCheck(title, description, CheckApi.date(dueDate), scope, items));
      return "redirect:/checks/" + check.id();
    } catch (BadInputException | AudienceRefusedException e) {
      response.setStatus(e instanceof BadInputException ? 400 : 403);
      model.addAttribute("problem", e.getMessage());
      model.addAttribute("draft", Map.of("title", title, "description", description, "dueDate", dueDate, "questions", questions));
      return list(caller, model);
    }
  }

  @GetMapping("/checks/{id}")
  String one(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "all") String show,
      @RequestParam(defaultValue = "0") int page, Model model) {
    CheckView view = checks.view(caller, id);
    model.addAttribute("view", view);
    model.addAttribute("check", view.check());
    model.addAttribute("descriptionHtml", markdown.render(view.check().description()));
    if (view.issuer()) {
      String filter = FILTERS.contains(show) ? show : "all";
      var shown = view.organisations().stream().filter(s -> switch (filter) {
        case "late" -> s.late();
        case "pending" -> s.progress() != CheckRecords.Progress.SUBMITTED;
        case "noncompliant" -> s.progress() == CheckRecords.Progress.SUBMITTED && !s.compliant();
        case "compliant" -> s.compliant();
        default -> true;
      }).toList();
      int from = Math.min(shown.size(), Math.max(0, page) * PAGE);
      model.addAttribute("rows", shown.subList(from, Math.min(shown.size(), from + PAGE)));
      model.addAttribute("shownCount", shown.size());
      model.addAttribute("show", filter);
      model.addAttribute("filters", FILTERS);
      model.addAttribute("page", Math.max(0, page));
      model.addAttribute("hasNext", from + PAGE < shown.size());
      return "checks/issuer";
    }
    OrgStatus own = view.organisations().getFirst();
    model.addAttribute("own", own);
    model.addAttribute("answers", Answer.values());
    return "checks/answer";
  }

  @PostMapping("/checks/{id}/answers")
  String answer(Caller caller, @PathVariable UUID id, jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash,
      Model model, HttpServletResponse response) throws IOException {
    CheckView view = checks.view(caller, id);
    var answers = new LinkedHashMap<Integer, Answer>();
    var comments = new LinkedHashMap<Integer, String>();
    try {
      for (Item item : view.check().items()) {
        if (item.kind().automatic()) continue;
        String a = request.getParameter("answer_" + item.position());
        if (a != null && !a.isBlank()) answers.put(item.position(), Answer.parse(a, "answer_" + item.position()));
        String c = request.getParameter("comment_" + item.position());
        if (c != null) comments.put(item.position(), c);
        var file = request instanceof MultipartHttpServletRequest multipart ? multipart.getFile("file_" + item.position()) : null;
        if (file != null && !file.isEmpty()) {
          checks.attach(caller, id, item.position(), file.getOriginalFilename(), file.getContentType(), file.getBytes());
        }
      }
      checks.answer(caller, id, answers, comments, "submit".equals(request.getParameter("action")));
      flash.addFlashAttribute("saved", "submit".equals(request.getParameter("action")) ? "submitted" : "saved");
      return "redirect:/checks/" + id;
    } catch (BadInputException e) {
      response.setStatus(400);
      model.addAttribute("problem", e.getMessage());
      return one(caller, id, "all", 0, model);
    }
  }

  @GetMapping({"/checks/{id}/organisations.csv", "/api/v1/checks/{id}/organisations.csv"})
  ResponseEntity<byte[]> csv(Caller caller, @PathVariable UUID id) {
    CheckView view = checks.view(caller, id);
    if (!view.issuer()) throw new io.haetae.server.web.NotFoundException("check");
    var header = new ArrayList<Object>(List.of("organisation", "sector", "status", "submitted_at", "late", "compliant"));
    view.check().items().forEach(i -> header.add("item_" + i.position() + "_" + i.kind().name().toLowerCase()));
    var csv = new Csv().row(header);
    for (OrgStatus s : view.organisations()) {
      var row = new ArrayList<Object>(List.of(s.name(), s.sector(), s.progress().name(),
          s.submittedAt() == null ? "" : s.submittedAt().toString(), s.late(), s.compliant()));
      s.items().forEach(r -> row.add(r.result() == null ? "" : r.result()));
      csv.row(row);
    }
    return csv.file("check-" + id + ".csv");
  }

  @GetMapping("/checks/{id}/evidence/{org}")
  ResponseEntity<byte[]> evidence(Caller caller, @PathVariable UUID id, @PathVariable UUID org,
      @RequestParam(defaultValue = "0") int item) {
    EvidenceMeta meta = checks.evidence(caller, id, org, item);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(meta.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(meta.name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(checks.evidenceContent(id, org, item));
  }

  private void form(Caller caller, Model model) {
    model.addAttribute("sectors", caller.role() == Role.SECTOR_OPERATOR ? caller.sectors().stream().sorted().toList() : directory.sectors());
    model.addAttribute("sizes", List.of(BusinessSize.values()));
    model.addAttribute("kinds", List.of(ItemKind.NO_KEV_OPEN, ItemKind.SBOM_FRESH, ItemKind.NO_CRITICAL_OVERDUE));
    model.addAttribute("minDate", Checks.today().toString());
  }

  private static Set<BusinessSize> sizes(List<String> values) {
    var out = new HashSet<BusinessSize>();
    if (values != null) for (String v : values) {
      try {
        out.add(BusinessSize.parse(v, "sizes"));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
    return out;
  }
}
