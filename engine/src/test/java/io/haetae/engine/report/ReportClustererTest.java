package io.haetae.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Clustering as the fixture {@code fixtures/reports/clusters.tsv} spells it out: each line a
 * report, oldest first, and the cluster it must land in.
 */
class ReportClustererTest {

  private final List<ReportSketch> reports = new ArrayList<>();
  private final Map<String, String> expected = new LinkedHashMap<>();

  ReportClustererTest() throws IOException {
    try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/fixtures/reports/clusters.tsv"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.split("\t", -1);
        reports.add(new ReportSketch(f[0], f[1], f[2], f[3], f[4], f[6]));
        expected.put(f[0], f[5]);
      }
    }
  }

  @Test
  void groupsTheFixtureAsItSays() {
    var placed = new ReportClusterer(ReportClusterer.DEFAULT_THRESHOLD).cluster(reports);
    var clusters = new LinkedHashMap<String, String>();
    placed.forEach((id, p) -> clusters.put(id, p.clusterId()));
    assertThat(clusters).isEqualTo(expected);
  }

  @Test
  void samePackageVersionsAndCweIsADuplicateWhateverTheText() {
    var p = new ReportClusterer(0.5).cluster(reports).get("r2");
    assertThat(p.duplicateOf()).isEqualTo("r1");
    assertThat(p.reason()).isEqualTo(Placement.Reason.SAME_PACKAGE_VERSIONS_CWE);
    assertThat(p.similarity()).isEqualTo(1.0);
  }

  @Test
  void theSameStoryInOtherWordsIsANearDuplicate() {
    var p = new ReportClusterer(0.5).cluster(reports).get("r3");
    assertThat(p.reason()).isEqualTo(Placement.Reason.SIMILAR_TEXT);
    assertThat(p.duplicateOf()).isEqualTo("r1");
    assertThat(p.similarity()).isBetween(0.5, 1.0);
  }

  @Test
  void theSameTextOfAnotherPackageOrAnotherCweStandsAlone() {
    var placed = new ReportClusterer(0.5).cluster(reports);
    assertThat(placed.get("r5").isDuplicate()).isFalse();
    assertThat(placed.get("r4").isDuplicate()).isFalse();
  }

  @Test
  void theOldestReportNamesTheClusterWhateverItsPlaceInTheBatch() {
    var placed = new ReportClusterer(0.5).cluster(reports);
    assertThat(placed.get("r1").duplicateOf()).isNull();
    assertThat(placed.get("r1").clusterId()).isEqualTo("r1");
  }

  @Test
  void refusesANonsenseThresholdAndAReportWithoutPackage() {
    assertThatThrownBy(() -> new ReportClusterer(0)).hasMessageContaining("threshold");
    assertThatThrownBy(() -> new ReportSketch("x", "npm", " ", "", null, "t")).hasMessageContaining("report x names no package");
  }
}
