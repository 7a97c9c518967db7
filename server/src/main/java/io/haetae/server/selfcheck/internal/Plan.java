package io.haetae.server.selfcheck.internal;

import io.haetae.engine.advisory.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ordered plan of one self-check: an action per vulnerable component (its upgrade, from the
 * evidence) and an action per question that did not count as yes, each with why (the answer and
 * any evidence rule behind it), priority, cost and effort bands and concrete steps. Order: by
 * priority band (urgent first); within a band components before questions, then the points a
 * question loses (weight x (1 - value)), then questionnaire order.
 */
final class Plan {

  private static final List<String> PRIORITIES = List.of("urgent", "high", "medium", "low");

  private Plan() {}

  record Action(String id, String title, List<String> why, String priority, String cost, String effort,
      List<String> steps, List<String> questions, List<String> evidence, double loss) {}

  static List<Action> of(Questionnaire q, Scoring.Result result, SbomEvidence sbom, Locale locale) {
    var actions = new ArrayList<Action>();
    if (sbom != null) actions.addAll(components(q, sbom, locale));
    for (Scoring.Counted c : result.questions()) {
      if (c.value() == null || c.value() >= 1.0) continue;
      var question = c.question();
      var a = question.action();
      var why = new ArrayList<String>();
      String answerLabel = q.answer(c.answered()).map(x -> x.label().in(locale)).orElse(c.answered());
      why.add(q.plan("why-answer", locale, Map.of("question", question.text().in(locale), "answer", answerLabel)));
      for (String rule : c.because()) {
        result.applied().stream().filter(x -> x.rule().equals(rule)).findFirst().ifPresent(x -> why.add(x.why()));
      }
      var steps = new ArrayList<String>();
      if (c.answered().equals("unknown")) {
        steps.add(q.plan("find-out", locale, Map.of("question", question.text().in(locale))));
      }
      steps.addAll(a.steps(locale));
      // Evidence that lowered an answer makes its action urgent: the exposure is shown, not supposed.
      boolean lowered = !c.because().isEmpty() && !c.counted().equals(c.answered())
          && (q.answer(c.answered()).orElseThrow().value() == null
              || q.answer(c.answered()).orElseThrow().value() > c.value());
      actions.add(new Action(question.id(), a.title().in(locale), why, lowered ? "urgent" : a.priority(), a.cost(),
          a.effort(), steps, List.of(question.id()), c.because(), question.weight() * (1 - c.value())));
    }
    actions.sort(Comparator.comparingInt((Action a) -> PRIORITIES.indexOf(a.priority()))
        .thenComparing(a -> a.questions().isEmpty() ? 0 : 1)
        .thenComparing(Action::loss, Comparator.reverseOrder()));
    return actions;
  }

  private static List<Action> components(Questionnaire q, SbomEvidence sbom, Locale locale) {
    var byComponent = new LinkedHashMap<String, List<SbomEvidence.ScanFinding>>();
    for (var f : sbom.findings()) byComponent.computeIfAbsent(f.purl(), k -> new ArrayList<>()).add(f);
    var out = new ArrayList<Action>();
    byComponent.forEach((purl, findings) -> {
      var first = findings.getFirst();
      String name = first.group() == null ? first.component() : first.group() + ":" + first.component();
      boolean urgent = findings.stream().anyMatch(f -> f.kev() || f.severity() == Severity.CRITICAL);
      boolean high = findings.stream().anyMatch(f -> f.severity() == Severity.HIGH);
      var why = new ArrayList<String>();
      for (var f : findings) {
        why.add(q.plan("finding-why", locale, Map.of("id", f.advisoryId() + (f.aliases().isEmpty() ? "" : " / "
            + String.join(", ", f.aliases().stream().filter(x -> x.startsWith("CVE-")).toList())),
            "severity", f.severity().name() + (f.cvss() == null ? "" : " " + f.cvss()),
            "kev", f.kev() ? q.plan("kev", locale, Map.of()) : "",
            "epss", f.epss() == null ? "" : q.plan("epss", locale, Map.of("epss",
                String.format(Locale.ROOT, "%.1f%%", f.epss() * 100))))));
      }
      String step = first.upgradeTo() != null
          ? q.plan("finding-upgrade", locale, Map.of("package", name, "from", first.version(), "to", first.upgradeTo()))
          : q.plan("finding-no-fix", locale, Map.of("package", name, "from", first.version(), "ids",
              String.join(", ", findings.stream().map(SbomEvidence.ScanFinding::advisoryId).toList())));
      out.add(new Action(purl, q.plan("finding-title", locale, Map.of("package", name + " " + first.version())), why,
          urgent ? "urgent" : high ? "high" : "medium", q.findingCost(), q.findingEffort(), List.of(step), List.of(),
          List.of("sbom"), findings.size()));
    });
    return out;
  }
}
