package io.haetae.server.selfcheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haetae.engine.advisory.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The scoring formula of docs/self-check.md on the shipped questionnaire, and the checks on a revised file. */
class ScoringTest {

  final Questionnaire q = read();

  static Questionnaire read() {
    try {
      return Questionnaire.read(new ClassPathResource("selfcheck/questionnaire-v1.yaml").getInputStream(), "v1");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Map<String, String> all(String answer) {
    var out = new HashMap<String, String>();
    q.questions().forEach(x -> out.put(x.id(), answer));
    return out;
  }

  @Test
  void everyYesIs100AndResilientEveryNoOrUnansweredIs0AndExposed() {
    var yes = Scoring.score(q, all("yes"), null, List.of(), Locale.ENGLISH);
    assertThat(yes.score()).isEqualTo(100);
    assertThat(yes.level().id()).isEqualTo("resilient");
    assertThat(Scoring.score(q, all("no"), null, List.of(), Locale.ENGLISH).score()).isZero();
    var none = Scoring.score(q, Map.of(), "micro", List.of(), Locale.ENGLISH);
    assertThat(none.score()).isZero();
    assertThat(none.level().id()).isEqualTo("initial");
    assertThat(Scoring.score(q, all("partly"), null, List.of(), Locale.ENGLISH).score()).isEqualTo(50);
  }

  @Test
  void notApplicableIsLeftOutAndAFunctionWithoutCountedQuestionsDoesNotCount() {
    var answers = all("yes");
    q.questions().stream().filter(x -> x.function().equals("DE")).forEach(x -> answers.put(x.id(), "na"));
    answers.put("PR-1", "no");
    var r = Scoring.score(q, answers, null, List.of(), Locale.ENGLISH);
    assertThat(r.functions()).filteredOn(f -> f.id().equals("DE")).singleElement()
        .satisfies(f -> assertThat(f.score()).isNull());
    // Protect: PR-1 (weight 2) of 23 weight points is 0; PR's score is round(100 x 21/23) = 91.
    var pr = r.functions().stream().filter(f -> f.id().equals("PR")).findFirst().orElseThrow();
    int prWeight = q.questions().stream().filter(x -> x.function().equals("PR")).mapToInt(x -> x.weight()).sum();
    assertThat(pr.score()).isEqualTo((int) Math.round(100.0 * (prWeight - 2) / prWeight));
    // Overall: GV, ID, RS, RC at 100 (weight 1 each), PR with weight 1.5.
    assertThat(r.score()).isEqualTo((int) Math.round((4 * 100 + 1.5 * 100.0 * (prWeight - 2) / prWeight) / 5.5));
  }

  @Test
  void aKevFindingCapsTheUpdatesAnswerAtNoAndSaysWhy() {
    var finding = new SbomEvidence.ScanFinding("log4j-core", "org.apache.logging.log4j", "2.14.1",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), "Log4Shell",
        Severity.CRITICAL, 10.0, true, 0.97, "2.15.0", "2.17.1", false, null);
    var evidence = new SbomEvidence(1, 12, 0, List.of(finding));
    var r = Scoring.score(q, all("yes"), null, List.of(evidence), Locale.ENGLISH);
    assertThat(r.questions()).filteredOn(c -> c.question().id().equals("PR-6")).singleElement()
        .satisfies(c -> assertThat(c.counted()).isEqualTo("no"));
    assertThat(r.applied()).extracting(Scoring.Applied::rule).contains("kev-or-critical-open", "sbom-given");
    assertThat(r.applied().getFirst().why()).contains("org.apache.logging.log4j:log4j-core 2.14.1");
    assertThat(r.score()).isLessThan(100);
    var plan = Plan.of(q, r, evidence, Locale.ENGLISH);
    assertThat(plan.getFirst().steps())
        .containsExactly("upgrade org.apache.logging.log4j:log4j-core from 2.14.1 to 2.17.1");
    assertThat(plan.getFirst().why().getFirst()).contains("exploited in the wild (CISA KEV)").contains("EPSS 97.0%");
  }

  @Test
  void aRevisedFileNamingAnUnknownQuestionInARuleDoesNotLoad() throws Exception {
    String text = new String(new ClassPathResource("selfcheck/questionnaire-v1.yaml").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).replace("caps: {PR-6: \"no\", ID-4: \"partly\"}", "caps: {PR-99: \"no\"}");
    assertThatThrownBy(() -> Questionnaire.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "v2"))
        .hasMessage("v2: evidence kev-or-critical-open names PR-99");
  }

  @Test
  void everyQuestionIsMappedToCsfAndHasKoreanAndEnglishText() {
    assertThat(q.questions()).hasSizeBetween(30, 40).allSatisfy(x -> {
      assertThat(x.csf()).matches("(GV|ID|PR|DE|RS|RC)\\.[A-Z]{2}-\\d{2}");
      assertThat(x.text().ko()).containsPattern("[가-힣]");
      assertThat(x.text().en()).isNotBlank();
      assertThat(x.action().steps(Locale.KOREAN)).isNotEmpty();
      assertThat(x.action().steps(Locale.ENGLISH)).isNotEmpty();
    });
  }
}
