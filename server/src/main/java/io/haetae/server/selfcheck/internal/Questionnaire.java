package io.haetae.server.selfcheck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One version of the questionnaire, read from {@code selfcheck/questionnaire-v<N>.yaml}: the
 * questions with their CSF 2.0, ISMS-P and CPG mapping, answer values, function weights, levels,
 * bands and evidence rules. The file is data an agency revises without code (docs/self-check.md);
 * reading it checks every reference so a broken revision fails at start, not on a user's check.
 */
public record Questionnaire(int version, List<Source> sources, List<Answer> answers, List<Labelled> sizes,
    List<Function> functions, List<Level> levels, Map<String, List<Labelled>> bands, List<Question> questions,
    List<EvidenceRule> evidence, Map<String, Text> plan, String findingCost, String findingEffort) {

  public record Text(String ko, String en) {
    public String in(Locale locale) {
      return "en".equals(locale.getLanguage()) ? en : ko;
    }
  }

  public record Source(String id, String title, String url) {}

  /** An answer and what it counts for; {@code value} null: left out of the sum (not applicable). */
  public record Answer(String id, Double value, Text label) {}

  public record Labelled(String id, Text label) {}

  public record Function(String id, double weight, Text label) {}

  public record Level(String id, int from, Text name, Text meaning) {}

  public record Action(String priority, String cost, String effort, Text title, Map<String, List<String>> steps) {
    List<String> steps(Locale locale) {
      return steps.getOrDefault("en".equals(locale.getLanguage()) ? "en" : "ko", List.of());
    }
  }

  public record Question(String id, String function, String csf, String ismsp, String cpg, int weight, String minSize,
      Text text, Text help, Action action) {}

  /** When evidence gives {@code signal}, the answers in {@code caps} count at most, those in {@code raises} at least, as given. */
  public record EvidenceRule(String id, String kind, String signal, Map<String, String> caps, Map<String, String> raises,
      Text why) {}

  public Questionnaire {
    sources = List.copyOf(sources);
    answers = List.copyOf(answers);
    sizes = List.copyOf(sizes);
    functions = List.copyOf(functions);
    levels = levels.stream().sorted(java.util.Comparator.comparingInt(Level::from)).toList();
    bands = Map.copyOf(bands);
    questions = List.copyOf(questions);
    evidence = List.copyOf(evidence);
    plan = Map.copyOf(plan);
  }

  /** A plan sentence in the page's language with its placeholders filled ("{package}" from {@code values}). */
  String plan(String key, Locale locale, Map<String, String> values) {
    var text = plan.get(key);
    if (text == null) throw new IllegalStateException("plan sentence '" + key + "' is missing");
    String out = text.in(locale);
    for (var e : values.entrySet()) out = out.replace("{" + e.getKey() + "}", e.getValue());
    return out;
  }

  Optional<Answer> answer(String id) {
    return answers.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  Optional<Question> question(String id) {
    return questions.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  /** The questions asked of a business of this size class (every question when the size is unknown). */
  List<Question> questionsFor(String size) {
    int rank = sizeRank(size);
    return questions.stream().filter(q -> q.minSize() == null || rank < 0 || sizeRank(q.minSize()) <= rank).toList();
  }

  public int sizeRank(String size) {
    for (int i = 0; i < sizes.size(); i++) if (sizes.get(i).id().equals(size)) return i;
    return -1;
  }

  Level levelOf(int score) {
    Level level = levels.getFirst();
    for (Level l : levels) if (score >= l.from()) level = l;
    return level;
  }

  Text band(String kind, String id) {
    return bands.getOrDefault(kind, List.of()).stream().filter(b -> b.id().equals(id)).map(Labelled::label).findFirst()
        .orElse(new Text(id, id));
  }

  Function function(String id) {
    return functions.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  /** Reads and checks a questionnaire file; a broken one is an IllegalStateException naming the entry. */
  static Questionnaire read(InputStream in, String name) {
    Map<String, Object> root;
    try (in) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
    var q = new Questionnaire(num(root, "version").intValue(),
        list(root, "sources").stream().map(m -> new Source(str(m, "id"), str(m, "title"), str(m, "url"))).toList(),
        list(root, "answers").stream().map(m -> new Answer(str(m, "id"),
            m.get("value") == null ? null : num(m, "value").doubleValue(), text(m))).toList(),
        labelled(list(root, "sizes")),
        list(root, "functions").stream().map(m -> new Function(str(m, "id"), num(m, "weight").doubleValue(), text(m)))
            .toList(),
        list(root, "levels").stream().map(Questionnaire::level).toList(),
        bands(root),
        list(root, "questions").stream().map(Questionnaire::question).toList(),
        list(root, "evidence").stream().map(Questionnaire::rule).toList(), planTexts(map(root, "plan")),
        str(map(root, "plan"), "finding-cost"), str(map(root, "plan"), "finding-effort"));
    q.check(name);
    return q;
  }

  private void check(String name) {
    var ids = new java.util.HashSet<String>();
    for (Question question : questions) {
      if (!ids.add(question.id())) throw new IllegalStateException(name + ": question " + question.id() + " twice");
      if (functions.stream().noneMatch(f -> f.id().equals(question.function()))) {
        throw new IllegalStateException(name + ": question " + question.id() + " names function " + question.function());
      }
      if (question.minSize() != null && sizeRank(question.minSize()) < 0) {
        throw new IllegalStateException(name + ": question " + question.id() + " names size " + question.minSize());
      }
      for (String band : List.of("priority", "cost", "effort")) {
        String value = switch (band) {
          case "priority" -> question.action().priority();
          case "cost" -> question.action().cost();
          default -> question.action().effort();
        };
        if (bands.getOrDefault(band, List.of()).stream().noneMatch(b -> b.id().equals(value))) {
          throw new IllegalStateException(name + ": question " + question.id() + " has " + band + " '" + value + "'");
        }
      }
    }
    for (EvidenceRule rule : evidence) {
      var named = new ArrayList<>(rule.caps().keySet());
      named.addAll(rule.raises().keySet());
      for (String id : named) {
        if (question(id).isEmpty()) throw new IllegalStateException(name + ": evidence " + rule.id() + " names " + id);
      }
      for (String answer : concat(rule.caps().values(), rule.raises().values())) {
        if (answer(answer).isEmpty()) throw new IllegalStateException(name + ": evidence " + rule.id() + " caps at " + answer);
      }
    }
    if (levels.isEmpty() || levels.getFirst().from() != 0) throw new IllegalStateException(name + ": levels must start at 0");
  }

  private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
    var out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Level level(Map<String, Object> m) {
    Map<String, Object> ko = map(m, "ko");
    Map<String, Object> en = map(m, "en");
    return new Level(str(m, "id"), num(m, "from").intValue(), new Text(str(ko, "name"), str(en, "name")),
        new Text(str(ko, "meaning"), str(en, "meaning")));
  }

  private static Question question(Map<String, Object> m) {
    Map<String, Object> a = map(m, "action");
    Map<String, Object> steps = map(a, "steps");
    var stepMap = new LinkedHashMap<String, List<String>>();
    steps.forEach((lang, list) -> stepMap.put(lang, ((List<?>) list).stream().map(String::valueOf).toList()));
    var action = new Action(str(a, "priority"), str(a, "cost"), str(a, "effort"), text(map(a, "title")), stepMap);
    return new Question(str(m, "id"), str(m, "function"), str(m, "csf"), opt(m, "ismsp"), opt(m, "cpg"),
        m.get("weight") == null ? 1 : num(m, "weight").intValue(), opt(m, "minSize"), text(map(m, "text")),
        text(map(m, "help")), action);
  }

  private static EvidenceRule rule(Map<String, Object> m) {
    return new EvidenceRule(str(m, "id"), str(m, "kind"), str(m, "signal"), strings(m.get("caps")),
        strings(m.get("raises")), text(map(m, "why")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Text> planTexts(Map<String, Object> plan) {
    var out = new LinkedHashMap<String, Text>();
    plan.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) out.put(k, text((Map<String, Object>) m));
    });
    return out;
  }

  private static Map<String, String> strings(Object value) {
    var out = new LinkedHashMap<String, String>();
    if (value instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  private static Map<String, List<Labelled>> bands(Map<String, Object> root) {
    var out = new LinkedHashMap<String, List<Labelled>>();
    map(root, "bands").forEach((k, v) -> out.put(k, labelled(asList(v))));
    return out;
  }

  private static List<Labelled> labelled(List<Map<String, Object>> list) {
    return list.stream().map(m -> new Labelled(str(m, "id"), text(m))).toList();
  }

  private static Text text(Map<String, Object> m) {
    return new Text(str(m, "ko"), str(m, "en"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map)) throw new IllegalStateException("'" + key + "' is missing or not a mapping in " + m.keySet());
    return (Map<String, Object>) v;
  }

  private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    return asList(m.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> asList(Object v) {
    return v == null ? List.of() : (List<Map<String, Object>>) v;
  }

  private static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) throw new IllegalStateException("'" + key + "' is missing in " + m);
    return String.valueOf(v);
  }

  private static String opt(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static Number num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number n)) throw new IllegalStateException("'" + key + "' is not a number in " + m);
    return n;
  }
}
