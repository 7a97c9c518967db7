package io.haetae.server.selfcheck.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.Languages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.type.TypeReference;

/**
 * The self-check for machines (docs/self-check.md): the questionnaire, a check (multipart:
 * {@code answers} JSON, {@code lang}, {@code size}, {@code sector}, {@code files}), a stored
 * result by its id, and a signed-in organisation's own checks. Public but throttled per address.
 */
@RestController
class SelfCheckApi {

  private final SelfChecks checks;
  private final NationalPicture national;

  SelfCheckApi(SelfChecks checks, NationalPicture national) {
    this.checks = checks;
    this.national = national;
  }

  @GetMapping("/api/v1/self-check/questions")
  Map<String, Object> questions(@RequestParam(required = false) String lang, @RequestParam(required = false) String size) {
    Locale locale = language(lang);
    var q = checks.questionnaire();
    if (size != null && !size.isBlank() && q.sizeRank(size) < 0) {
      throw new BadInputException("'size' must be one of " + q.sizes().stream().map(s -> s.id()).toList());
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("version", q.version());
    out.put("lang", locale.getLanguage());
    out.put("answers", q.answers().stream().map(a -> Map.of("id", a.id(), "label", a.label().in(locale))).toList());
    out.put("sizes", q.sizes().stream().map(s -> Map.of("id", s.id(), "label", s.label().in(locale))).toList());
    out.put("functions", q.functions().stream().map(f -> Map.of("id", f.id(), "name", f.label().in(locale))).toList());
    var answerIds = q.answers().stream().map(Questionnaire.Answer::id).toList();
    out.put("questions", q.questionsFor(size).stream().map(question -> {
      var m = new LinkedHashMap<String, Object>();
      m.put("id", question.id());
      m.put("function", question.function());
      m.put("text", question.text().in(locale));
      m.put("help", question.help().in(locale));
      m.put("answers", answerIds);
      m.put("csf", question.csf());
      m.put("ismsp", question.ismsp());
      m.put("cpg", question.cpg());
      m.put("minSize", question.minSize());
      m.put("weight", question.weight());
      return m;
    }).toList());
    out.put("sources", q.sources());
    return out;
  }

  @PostMapping("/api/v1/self-check")
  Map<String, Object> check(@RequestParam(required = false) String answers, @RequestParam(required = false) String lang,
      @RequestParam(required = false) String size, @RequestParam(required = false) String sector,
      @RequestParam(required = false) Boolean save,
      @RequestParam(name = "files", required = false) List<MultipartFile> files) throws IOException {
    Caller caller = CurrentCaller.get().orElse(null);
    var outcome = checks.run(answers(answers), size, sector, uploads(files),
        Boolean.FALSE.equals(save) ? null : caller);
    return outcome.in(language(lang));
  }

  @GetMapping("/api/v1/self-check/{id}")
  Map<String, Object> result(@PathVariable String id, @RequestParam(required = false) String lang) {
    return checks.find(id).in(language(lang));
  }

  /** A signed-in organisation's saved checks, oldest first: the score over time. */
  @GetMapping("/api/v1/self-checks")
  List<SelfCheckRepository.Entry> history(Caller caller) {
    return checks.history(caller);
  }

  /** The anonymous national (or, for a sector operator, its sectors') picture. */
  @GetMapping("/api/v1/self-checks/national")
  NationalPicture.Picture nationalPicture(Caller caller, @RequestParam(required = false) String lang) {
    return national.of(caller, language(lang));
  }

  static Map<String, String> answers(String json) {
    if (json == null || json.isBlank()) throw new BadInputException("'answers' is missing: a JSON object {questionId: answer}");
    try {
      return SelfChecks.JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (tools.jackson.core.JacksonException e) {
      throw new BadInputException("'answers' is not a JSON object of question ids to answers: "
          + e.getOriginalMessage());
    }
  }

  static List<Upload> uploads(List<MultipartFile> files) throws IOException {
    var out = new ArrayList<Upload>();
    if (files == null) return out;
    for (MultipartFile f : files) {
      if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())) continue;
      out.add(new Upload(f.getOriginalFilename(), f.getBytes()));
    }
    return out;
  }

  static Locale language(String lang) {
    return lang != null && lang.strip().equalsIgnoreCase("en") ? Locale.ENGLISH : Languages.DEFAULT;
  }
}
