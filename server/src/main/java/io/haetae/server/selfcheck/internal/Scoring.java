package io.haetae.server.selfcheck.internal;

import io.haetae.server.selfcheck.internal.Questionnaire.Question;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The score of one self-check (docs/self-check.md). Each asked question counts its answer's
 * value (yes 1, partly 0.5, no and don't know 0; not applicable left out) times its weight,
 * after the evidence rules: a rule whose signal the evidence gives caps the named answers at
 * most (or raises them at least) to the rule's answer. A function's score is
 * 100 x sum(weight x value) / sum(weight) over its counted questions; the overall score is the
 * function scores' mean weighted by the function weights, rounded; the level is the last whose
 * threshold the score reaches.
 */
final class Scoring {

  private Scoring() {}

  /** One question as it counted: what was answered, what it counted as, and the rules that changed it. */
  record Counted(Question question, String answered, String counted, Double value, List<String> because) {}

  /** A rule that applied: its id, kind, the items behind its signal, and its sentence for people. */
  record Applied(String rule, String kind, List<String> items, String why) {}

  record FunctionScore(String id, String label, Integer score, int asked, int counted) {}

  record Result(int score, Questionnaire.Level level, List<FunctionScore> functions, List<Counted> questions,
      List<Applied> applied) {}

  static Result score(Questionnaire q, Map<String, String> answers, String size, List<Evidence> evidence, Locale locale) {
    var applied = new ArrayList<Applied>();
    var caps = new LinkedHashMap<String, List<String[]>>();
    for (var rule : q.evidence()) {
      for (Evidence e : evidence) {
        if (!e.kind().equals(rule.kind()) || !e.signals().containsKey(rule.signal())) continue;
        var items = e.signals().get(rule.signal());
        applied.add(new Applied(rule.id(), rule.kind(), items,
            rule.why().in(locale).replace("{packages}", String.join(", ", items.subList(0, Math.min(items.size(), 10))))));
        rule.caps().forEach((question, cap) -> caps.computeIfAbsent(question, k -> new ArrayList<>())
            .add(new String[] {"cap", cap, rule.id()}));
        rule.raises().forEach((question, floor) -> caps.computeIfAbsent(question, k -> new ArrayList<>())
            .add(new String[] {"raise", floor, rule.id()}));
      }
    }
    var counted = new ArrayList<Counted>();
    for (Question question : q.questionsFor(size)) {
      String answered = answers.getOrDefault(question.id(), "unknown");
      String result = answered;
      var because = new ArrayList<String>();
      for (String[] change : caps.getOrDefault(question.id(), List.of())) {
        Double current = q.answer(result).orElseThrow().value();
        Double bound = q.answer(change[1]).orElseThrow().value();
        // Not applicable stays out unless evidence shows it applies (a finding means there is software to update).
        boolean lower = change[0].equals("cap") && (current == null || current > bound);
        boolean raise = change[0].equals("raise") && current != null && current < bound;
        if (lower || raise) {
          result = change[1];
          because.add(change[2]);
        }
      }
      counted.add(new Counted(question, answered, result, q.answer(result).orElseThrow().value(), because));
    }
    var functions = new ArrayList<FunctionScore>();
    double weighted = 0;
    double weights = 0;
    for (var f : q.functions()) {
      double sum = 0;
      double max = 0;
      int asked = 0;
      int in = 0;
      for (Counted c : counted) {
        if (!c.question().function().equals(f.id())) continue;
        asked++;
        if (c.value() == null) continue;
        in++;
        sum += c.question().weight() * c.value();
        max += c.question().weight();
      }
      Integer score = max == 0 ? null : (int) Math.round(100 * sum / max);
      functions.add(new FunctionScore(f.id(), f.label().in(locale), score, asked, in));
      if (score != null) {
        weighted += f.weight() * (100 * sum / max);
        weights += f.weight();
      }
    }
    int score = weights == 0 ? 0 : (int) Math.round(weighted / weights);
    return new Result(score, q.levelOf(score), functions, counted, applied);
  }
}
