package io.haetae.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vers specification's own test suite ({@code ../shared/corpora/versions/vers-spec/tests}):
 * canonical parsing, validation (normalised output) and containment, for every file with
 * those test types. Native-range conversion ({@code from_native}) is not part of our API.
 */
class VersConformanceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TestFactory
  Stream<DynamicTest> passesTheVersSpecSuite() {
    return Stream.of("vers_canonical_parse_test.json", "pypi_range_validate_test.json",
            "pypi_range_containment_test.json", "npm_range_containment_test.json")
        .map(f -> DynamicTest.dynamicTest(f, () -> check(f)));
  }

  private static void check(String file) throws IOException {
    Path path = SharedData.require("corpora/versions/vers-spec/tests/" + file);
    JsonNode tests = JSON.readTree(path.toFile()).get("tests");
    List<String> wrong = new ArrayList<>();
    for (JsonNode t : tests) {
      String type = t.get("test_type").asString();
      JsonNode input = t.get("input");
      boolean failure = t.has("expected_failure") && t.get("expected_failure").asBoolean();
      try {
        switch (type) {
          case "parse" -> {
            Vers v = Vers.parse(input.asString());
            if (failure) {
              wrong.add(input + ": expected failure '" + t.get("expected_message").asString() + "'");
              continue;
            }
            JsonNode expected = t.get("expected_output");
            List<List<String>> got = new ArrayList<>();
            v.constraints().forEach(c -> got.add(List.of(c.comparator().symbol(), c.version())));
            List<List<String>> want = new ArrayList<>();
            expected.get("version_constraints").forEach(c -> want.add(List.of(c.get(0).asString(), c.get(1).asString())));
            if (!v.scheme().equals(expected.get("scheme").asString()) || !got.equals(want)) {
              wrong.add(input + ": got " + v.scheme() + " " + got);
            }
          }
          case "validate" -> {
            String got = Vers.parseLenient(input.asString()).toString();
            if (!got.equals(t.get("expected_output").asString())) wrong.add(input + ": got " + got);
          }
          case "containment" -> {
            // The suite's ranges are not all sorted; containment is defined on the sorted constraints.
            boolean got = Vers.parseLenient(input.get("vers").asString()).contains(input.get("version").asString());
            if (got != t.get("expected_output").asBoolean()) wrong.add(input + ": got " + got);
          }
          default -> throw new AssertionError("unknown test type " + type);
        }
      } catch (IllegalArgumentException | InvalidVersionException e) {
        if (!failure) wrong.add(input + ": unexpected failure " + e.getMessage());
        else if (!e.getMessage().equals(t.get("expected_message").asString())
            && !e.getMessage().startsWith("unsupported VERS versioning scheme")) {
          wrong.add(input + ": expected '" + t.get("expected_message").asString() + "', got '" + e.getMessage() + "'");
        }
      }
    }
    assertThat(tests.size()).isPositive();
    assertThat(wrong).as(file).isEmpty();
  }

  @Test
  void containsUsesTheSchemesOwnOrder() throws InvalidVersionException {
    Vers deb = Vers.parse("vers:deb/>=1.0~rc1|<1.0-2");
    assertThat(deb.contains("1.0-1")).isTrue();
    assertThat(deb.contains("1.0~beta1")).isFalse();
    assertThat(Vers.parse("vers:pypi/<1.0").contains("1.0rc1")).isTrue();
    assertThat(Vers.parse("vers:golang/>=v1.2.0").contains("v1.10.0")).isTrue();
  }

  @Test
  void anUnparseableVersionIsAnErrorNotAMiss() {
    assertThatThrownBy(() -> Vers.parse("vers:npm/<2.0.0").contains("latest")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void rejectsAnUnknownScheme() {
    assertThatThrownBy(() -> Vers.parse("vers:nosuch/1.0")).hasMessageContaining("unsupported");
  }

  @Test
  void printsItsCanonicalForm() {
    assertThat(Vers.parseLenient("vers:npm/<2.0.0|>=1.0.0").toString()).isEqualTo("vers:npm/>=1.0.0|<2.0.0");
    assertThat(Vers.parse("vers:npm/1.0%252F0").toString()).isEqualTo("vers:npm/1.0%252F0");
    assertThatThrownBy(() -> Vers.parse("vers:npm/1.0%252F0").contains("1.0.0")).isInstanceOf(InvalidVersionException.class);
  }
}
