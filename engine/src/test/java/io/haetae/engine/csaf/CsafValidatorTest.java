package io.haetae.engine.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CSAF 2.0 schema and the mandatory tests of section 6.1: the OASIS validator test set
 * (../shared/corpora/csaf; documents -01 to -10 of a test fail it, -11 and up pass), real
 * documents of CISA, Red Hat and the spec's examples, and one fixture broken on purpose.
 */
class CsafValidatorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/feeds/csaf/2022-evd-uc-01-a-001.json");

  /** The section 6.1 tests the validator runs. */
  static final Set<String> RUN = Set.of("6.1.1", "6.1.2", "6.1.6", "6.1.7", "6.1.8", "6.1.9", "6.1.10", "6.1.13", "6.1.14",
      "6.1.16", "6.1.21", "6.1.22", "6.1.27.1", "6.1.27.2", "6.1.27.3", "6.1.27.4", "6.1.27.5", "6.1.27.6", "6.1.27.7",
      "6.1.27.8", "6.1.27.9", "6.1.27.10", "6.1.27.11");

  @Test
  void theFixtureIsValid() throws IOException {
    assertThat(CsafValidator.validate(Files.readString(FIXTURE))).isEmpty();
  }

  @Test
  void aProductIdReferencedButNeverDefinedFails611() throws IOException {
    var problems = broken(doc -> ((ArrayNode) doc.get("vulnerabilities").get(0).get("product_status").get("known_affected")).add("CSAFPID-404"));
    assertThat(problems).extracting(CsafProblem::test, CsafProblem::path)
        .contains(org.assertj.core.groups.Tuple.tuple("6.1.1", "/vulnerabilities/0/product_status/known_affected/1"));
  }

  @Test
  void aProductIdDefinedTwiceFails612() throws IOException {
    // The fixture defines CSAFPID-0001 in its branches.
    var problems = broken(doc -> ((ObjectNode) doc.get("product_tree")).putArray("full_product_names").addObject()
        .put("name", "again").put("product_id", "CSAFPID-0001"));
    assertThat(problems).extracting(CsafProblem::test).containsExactly("6.1.2");
    assertThat(problems.getFirst().path()).isEqualTo("/product_tree/full_product_names/0/product_id");
  }

  @Test
  void aProductBothAffectedAndNotAffectedFails616() throws IOException {
    var problems = broken(doc -> {
      var status = (ObjectNode) doc.get("vulnerabilities").get(0).get("product_status");
      status.putArray("known_not_affected").add(status.get("known_affected").get(0).asString());
    });
    assertThat(problems).extracting(CsafProblem::test).contains("6.1.6");
  }

  @Test
  void aRevisionHistoryOutOfStepFails6114And6116And6121And6122() throws IOException {
    var problems = broken(doc -> {
      var tracking = (ObjectNode) doc.get("document").get("tracking");
      var history = (ArrayNode) tracking.get("revision_history");
      var later = history.get(0).deepCopy();
      ((ObjectNode) later).put("date", "2030-01-01T00:00:00.000Z").put("number", "3");
      history.add(later);
      history.add(history.get(0).deepCopy());
    });
    assertThat(problems).extracting(CsafProblem::test).contains("6.1.16", "6.1.21", "6.1.22");
    var reversed = broken(doc -> {
      var history = (ArrayNode) doc.get("document").get("tracking").get("revision_history");
      var older = (ObjectNode) history.get(0).deepCopy();
      older.put("date", "2000-01-01T00:00:00.000Z").put("number", "2");
      history.add(older);
    });
    assertThat(reversed).extracting(CsafProblem::test).contains("6.1.14");
  }

  @Test
  void aCvssScoreThatIsNotTheVectorsFails619And6110() throws IOException {
    var problems = broken(doc -> {
      var v = (ObjectNode) doc.get("vulnerabilities").get(0);
      var score = v.putArray("scores").addObject();
      score.putArray("products").add(v.get("product_status").get("known_affected").get(0).asString());
      score.putObject("cvss_v3").put("version", "3.1").put("vectorString", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
          .put("baseScore", 5.0).put("baseSeverity", "MEDIUM").put("attackVector", "LOCAL");
    });
    assertThat(problems).extracting(CsafProblem::test).contains("6.1.9", "6.1.10");
    assertThat(problems).filteredOn(p -> p.test().equals("6.1.10")).extracting(CsafProblem::path)
        .containsExactly("/vulnerabilities/0/scores/0/cvss_v3/attackVector");
  }

  @Test
  void anInvalidPurlFails6113() throws IOException {
    var problems = broken(doc -> ((ObjectNode) doc.get("product_tree")).putArray("full_product_names").addObject()
        .put("name", "bad purl").put("product_id", "CSAFPID-0002")
        .putObject("product_identification_helper").put("purl", "pkg:/no-type@1"));
    assertThat(problems).extracting(CsafProblem::test).contains("6.1.13");
  }

  @Test
  void aSchemaViolationIsNamedByItsPath() throws IOException {
    var problems = broken(doc -> ((ObjectNode) doc.get("document")).remove("title"));
    assertThat(problems).extracting(CsafProblem::test).containsExactly("schema");
    assertThat(problems.getFirst().message()).contains("title");
  }

  @Test
  void malformedJsonIsOneProblem() {
    assertThat(CsafValidator.validate("{\"document\":")).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("malformed JSON"));
  }

  @TestFactory
  Stream<DynamicTest> theOasisTestSetFailsAndPassesEachMandatoryTestWeRun() throws IOException {
    var data = SharedData.require("corpora/csaf/oasis-tcs-csaf/csaf_2.0/test/validator/data");
    var cases = JSON.readTree(data.resolve("testcases.json").toFile());
    var tests = new ArrayList<DynamicTest>();
    for (var test : cases.get("tests")) {
      String id = test.get("id").asString();
      if (!RUN.contains(id)) continue;
      for (var f : test.path("failures")) {
        var file = data.resolve(f.get("name").asString());
        tests.add(DynamicTest.dynamicTest(id + " fails " + file.getFileName(), () ->
            assertThat(CsafValidator.validate(Files.readString(file))).extracting(CsafProblem::test).contains(id)));
      }
      for (var v : test.path("valid")) {
        var file = data.resolve(v.get("name").asString());
        tests.add(DynamicTest.dynamicTest(id + " passes " + file.getFileName(), () ->
            assertThat(CsafValidator.validate(Files.readString(file))).isEmpty()));
      }
    }
    return tests.stream();
  }

  /** Real documents that fail a mandatory test, and the test. */
  private static final java.util.Map<String, List<String>> REAL_FAILURES = java.util.Map.of(
      // Revision 2 is dated 2010-01-04T13:02:56, five hours before revision 1: by date the
      // numbers descend (6.1.14) and the history starts at 2 (6.1.21).
      "rhsa-2010_0002.json", List.of("6.1.14", "6.1.21"));

  @TestFactory
  Stream<DynamicTest> realDocumentsAreValidSaveOneRedHatRevisionHistory() throws IOException {
    var root = SharedData.require("corpora/csaf");
    List<Path> files;
    try (var walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("csaf_2.1"))
          .filter(p -> p.toString().contains("/examples/csaf/") || p.toString().contains("cisagov-csaf/csaf_files/")
              || p.toString().contains("redhat-vulnerablecode"))
          .filter(p -> !p.getFileName().toString().contains("feed")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
      var problems = CsafValidator.validate(Files.readString(f));
      var known = REAL_FAILURES.get(f.getFileName().toString());
      if (known == null) assertThat(problems).isEmpty();
      else assertThat(problems).extracting(CsafProblem::test).containsExactlyElementsOf(known);
    }));
  }

  private static List<CsafProblem> broken(Consumer<ObjectNode> change) throws IOException {
    var doc = (ObjectNode) JSON.readTree(FIXTURE.toFile());
    change.accept(doc);
    return CsafValidator.validate(JSON.writeValueAsString(doc));
  }
}
