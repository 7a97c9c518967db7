package io.haetae.server.selfcheck.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Sector;
import io.haetae.server.web.BadInputException;
import io.haetae.server.web.NotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a self-check: checks the answers, reads the uploads into evidence, scores, plans, and
 * stores the answers with the result (in Korean and English, so the page shows either) under a
 * random 128-bit id. The uploads themselves are never stored.
 */
@Service
@EnableConfigurationProperties(UploadLimits.class)
class SelfChecks {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<Locale> LANGUAGES = List.of(Locale.KOREAN, Locale.ENGLISH);

  private final Questionnaire questionnaire;
  private final UploadReader uploads;
  private final SbomEvidenceSource sbomSource;
  private final SelfCheckRepository repository;
  private final OrganisationService organisations;
  private final AuditLog audit;

  SelfChecks(@Value("${haetae.self-check.questionnaire:selfcheck/questionnaire-v1.yaml}") String questionnaire,
      UploadLimits limits, SbomEvidenceSource sbomSource, SelfCheckRepository repository,
      OrganisationService organisations, AuditLog audit) throws java.io.IOException {
    this.questionnaire = Questionnaire.read(new ClassPathResource(questionnaire).getInputStream(), questionnaire);
    this.uploads = new UploadReader(limits);
    this.sbomSource = sbomSource;
    this.repository = repository;
    this.organisations = organisations;
    this.audit = audit;
  }

  Questionnaire questionnaire() {
    return questionnaire;
  }

  List<Sector> sectors() {
    return organisations.sectors();
  }

  /** What a check answered: its id and the result in each language. */
  record Outcome(String id, Map<String, Map<String, Object>> results) {
    Map<String, Object> in(Locale locale) {
      return results.get("en".equals(locale.getLanguage()) ? "en" : "ko");
    }
  }

  Outcome run(Map<String, String> answers, String size, String sector, List<Upload> files, Caller saveFor) {
    check(answers, size, sector);
    List<Evidence> evidence = new ArrayList<>();
    SbomEvidence sbom = null;
    if (!files.isEmpty()) {
      sbom = sbomSource.scan(files.size(), uploads.read(files));
      evidence.add(sbom);
    }
    String id = newId();
    Instant now = Instant.now();
    var results = new LinkedHashMap<String, Map<String, Object>>();
    Scoring.Result scored = null;
    for (Locale locale : LANGUAGES) {
      scored = Scoring.score(questionnaire, answers, blank(size), evidence, locale);
      results.put(locale.getLanguage(), result(id, now, scored, Plan.of(questionnaire, scored, sbom, locale), sbom,
          evidence, size, sector, locale));
    }
    var gaps = scored.questions().stream().filter(c -> c.value() != null && c.value() == 0.0)
        .map(c -> c.question().id()).toList();
    var packages = new LinkedHashSet<String>();
    if (sbom != null) {
      sbom.findings().forEach(f -> packages.add(f.purl().replaceFirst("@[^@/]*$", "")));
    }
    repository.insert(new SelfCheckRepository.Stored(id, now, questionnaire.version(), "ko", blank(size), blank(sector),
        scored.score(), scored.level().id(), JSON.writeValueAsString(answers), JSON.writeValueAsString(results),
        saveFor == null ? null : saveFor.orgId()), gaps, packages);
    if (saveFor != null) audit.record(saveFor, "self-check.saved", saveFor.orgId(), id);
    return new Outcome(id, results);
  }

  Outcome find(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{22}")) throw new NotFoundException("no such self-check");
    var stored = repository.find(id).orElseThrow(() -> new NotFoundException("no such self-check"));
    return new Outcome(id, JSON.readValue(stored.result(), new TypeReference<Map<String, Map<String, Object>>>() {}));
  }

  void save(String id, Caller caller) {
    find(id);
    if (!repository.saveTo(id, caller.orgId())) throw new NotFoundException("no such self-check");
    audit.record(caller, "self-check.saved", caller.orgId(), id);
  }

  List<SelfCheckRepository.Entry> history(Caller caller) {
    return repository.ofOrganisation(caller.orgId());
  }

  private void check(Map<String, String> answers, String size, String sector) {
    for (var e : answers.entrySet()) {
      if (questionnaire.question(e.getKey()).isEmpty()) {
        throw new BadInputException("'answers': no question '" + e.getKey() + "' in questionnaire v" + questionnaire.version());
      }
      if (questionnaire.answer(e.getValue()).isEmpty()) {
        throw new BadInputException("'answers': '" + e.getValue() + "' for " + e.getKey() + " is not one of "
            + questionnaire.answers().stream().map(Questionnaire.Answer::id).toList());
      }
    }
    if (blank(size) != null && questionnaire.sizeRank(size) < 0) {
      throw new BadInputException("'size' must be one of " + questionnaire.sizes().stream().map(s -> s.id()).toList());
    }
    if (blank(sector) != null && sectors().stream().noneMatch(s -> s.code().equals(sector))) {
      throw new BadInputException("'sector': '" + sector + "' is not in the hub's list of sectors");
    }
  }

  private Map<String, Object> result(String id, Instant at, Scoring.Result scored, List<Plan.Action> actions,
      SbomEvidence sbom, List<Evidence> evidence, String size, String sector, Locale locale) {
    var q = questionnaire;
    var out = new LinkedHashMap<String, Object>();
    out.put("id", id);
    out.put("createdAt", at.toString());
    out.put("questionnaireVersion", q.version());
    out.put("lang", locale.getLanguage());
    out.put("size", blank(size));
    out.put("sector", blank(sector));
    out.put("score", scored.score());
    out.put("level", level(scored.level(), locale));
    out.put("levels", q.levels().stream().map(l -> level(l, locale)).toList());
    out.put("functions", scored.functions().stream().map(f -> {
      var m = new LinkedHashMap<String, Object>();
      m.put("id", f.id());
      m.put("name", f.label());
      m.put("score", f.score());
      m.put("asked", f.asked());
      m.put("counted", f.counted());
      return m;
    }).toList());
    var evidenceList = new ArrayList<Map<String, Object>>();
    for (Evidence e : evidence) {
      var m = new LinkedHashMap<>(e.summary());
      m.put("rules", scored.applied().stream().filter(a -> a.kind().equals(e.kind())).map(a -> Map.of(
          "rule", a.rule(), "items", a.items(), "why", a.why())).toList());
      evidenceList.add(m);
    }
    out.put("evidence", evidenceList);
    out.put("adjustments", scored.questions().stream().filter(c -> !c.because().isEmpty()).map(c -> Map.of(
        "question", c.question().id(), "answered", c.answered(), "counted", c.counted(), "rules", c.because())).toList());
    out.put("findings", sbom == null ? List.of() : SbomEvidenceSource.json(sbom));
    out.put("actions", actions.stream().map(a -> action(a, locale)).toList());
    return out;
  }

  private Map<String, Object> action(Plan.Action a, Locale locale) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", a.id());
    m.put("title", a.title());
    m.put("why", a.why());
    m.put("priority", a.priority());
    m.put("priorityLabel", questionnaire.band("priority", a.priority()).in(locale));
    m.put("cost", a.cost());
    m.put("costLabel", questionnaire.band("cost", a.cost()).in(locale));
    m.put("effort", a.effort());
    m.put("effortLabel", questionnaire.band("effort", a.effort()).in(locale));
    m.put("steps", a.steps());
    m.put("questions", a.questions());
    m.put("evidence", a.evidence());
    return m;
  }

  private static Map<String, Object> level(Questionnaire.Level l, Locale locale) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", l.id());
    m.put("from", l.from());
    m.put("name", l.name().in(locale));
    m.put("meaning", l.meaning().in(locale));
    return m;
  }

  /** 128 random bits in base64url: 22 characters nobody can guess or enumerate. */
  static String newId() {
    var bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
