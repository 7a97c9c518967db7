package io.haetae.server.selfcheck.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The self-check pages: the questionnaire (public, works without script; a small script hides
 * the questions the chosen size class is not asked), the result by its id with a chart and a
 * table per function, its PDF, an organisation's own checks, and the national picture.
 */
@Controller
class SelfCheckPages {

  private final SelfChecks checks;
  private final NationalPicture national;
  private final ReportPdf pdf;

  SelfCheckPages(SelfChecks checks, NationalPicture national, ReportPdf pdf) {
    this.checks = checks;
    this.national = national;
    this.pdf = pdf;
  }

  @GetMapping("/self-check")
  String form(Model model, Locale locale) {
    return form(model, locale, Map.of(), null, null, null);
  }

  private String form(Model model, Locale locale, Map<String, String> answers, String size, String sector, String problem) {
    var q = checks.questionnaire();
    var byFunction = new LinkedHashMap<String, List<Questionnaire.Question>>();
    q.functions().forEach(f -> byFunction.put(f.id(), q.questions().stream().filter(x -> x.function().equals(f.id())).toList()));
    model.addAttribute("q", q);
    model.addAttribute("byFunction", byFunction);
    model.addAttribute("answers", answers);
    model.addAttribute("size", size);
    model.addAttribute("sector", sector);
    model.addAttribute("sectors", checks.sectors());
    model.addAttribute("problem", problem);
    model.addAttribute("signedIn", CurrentCaller.get().isPresent());
    model.addAttribute("locale", locale);
    return "selfcheck/form";
  }

  @PostMapping("/self-check")
  String check(HttpServletRequest request, @RequestParam(required = false) String size,
      @RequestParam(required = false) String sector, @RequestParam(required = false) Boolean save,
      @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model, Locale locale,
      jakarta.servlet.http.HttpServletResponse response) throws IOException {
    var answers = new LinkedHashMap<String, String>();
    request.getParameterMap().forEach((name, values) -> {
      if (name.startsWith("q.") && values.length > 0 && !values[0].isBlank()) answers.put(name.substring(2), values[0]);
    });
    Caller caller = Boolean.TRUE.equals(save) ? CurrentCaller.get().orElse(null) : null;
    try {
      var outcome = checks.run(answers, size, sector, SelfCheckApi.uploads(files), caller);
      return "redirect:/self-check/" + outcome.id();
    } catch (BadInputException e) {
      response.setStatus(400);
      return form(model, locale, answers, size, sector, e.getMessage());
    }
  }

  @GetMapping("/self-check/{id}")
  String result(@PathVariable String id, Model model, Locale locale) {
    var result = checks.find(id).in(locale);
    model.addAttribute("r", result);
    @SuppressWarnings("unchecked")
    var functions = (List<Map<String, Object>>) result.get("functions");
    model.addAttribute("chartX", String.join(",", functions.stream().map(f -> String.valueOf(f.get("name"))).toList()));
    model.addAttribute("chartValues", String.join(",", functions.stream()
        .map(f -> f.get("score") == null ? "0" : String.valueOf(f.get("score"))).toList()));
    model.addAttribute("signedIn", CurrentCaller.get().isPresent());
    return "selfcheck/result";
  }

  @PostMapping("/self-check/{id}/save")
  String save(@PathVariable String id, Caller caller) {
    checks.save(id, caller);
    return "redirect:/org/self-checks";
  }

  @GetMapping(value = "/self-check/{id}/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> report(@PathVariable String id, Locale locale) {
    // Without a Korean font the report is the English result (ReportPdf, docs/decisions/0009).
    Locale language = pdf.korean() ? locale : Locale.ENGLISH;
    var result = checks.find(id).in(language);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"self-check-" + id + ".pdf\"")
        .body(pdf.render(result, language));
  }

  @GetMapping("/org/self-checks")
  String history(Caller caller, Model model) {
    var entries = checks.history(caller);
    model.addAttribute("entries", entries);
    // Each re-check against the one before: the change in score is what a CISO reports upwards.
    var changes = new java.util.ArrayList<String>();
    for (int i = 0; i < entries.size(); i++) {
      int delta = i == 0 ? 0 : entries.get(i).score() - entries.get(i - 1).score();
      changes.add(i == 0 ? "–" : (delta > 0 ? "+" : "") + delta);
    }
    model.addAttribute("changes", changes);
    model.addAttribute("chartX", String.join(",", entries.stream().map(e -> e.createdAt().toString().substring(0, 10)).toList()));
    model.addAttribute("chartValues", String.join(",", entries.stream().map(e -> String.valueOf(e.score())).toList()));
    return "selfcheck/history";
  }

  @GetMapping("/national/self-checks")
  String national(Caller caller, Model model, Locale locale) {
    model.addAttribute("p", national.of(caller, locale));
    model.addAttribute("sizes", checks.questionnaire().sizes());
    model.addAttribute("locale", locale);
    return "selfcheck/national";
  }
}
