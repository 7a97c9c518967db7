package io.haetae.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The short version of the kill -9 scenario ({@link CrashScenario}; the long run is in
 * BENCHMARKS.md): one round on a real hub process and the local PostgreSQL. The mail server
 * takes 200 ms per message, so the kill in the alert fan-out lands with some organisations told
 * and others not; after the restart each must have exactly one alert and one Message-ID.
 */
class CrashScenarioTest {

  @Test
  void aHubKilledMidImportMidAnalysisAndMidFanOutLosesNothingAndDoublesNothing() throws Exception {
    Assumptions.assumeTrue(ScratchDatabase.postgresAnswers(), "the kill -9 scenario needs PostgreSQL on 127.0.0.1:5432 "
        + "(several processes share it; the embedded H2 belongs to one process)");
    int orgs = 24;
    List<CrashScenario.Outcome> outcomes = CrashScenario.run(new CrashScenario.Options(1, orgs, 1500, 300, 15, 200, false, 5,
        java.util.Set.copyOf(CrashScenario.Options.ALL_FAULTS)));

    assertThat(outcomes).extracting(CrashScenario.Outcome::fault).containsExactly("import", "sbom", "fan-out", "database");
    assertThat(outcomes).allSatisfy(o -> assertThat(o.violations()).as(o.fault() + ", kill " + o.landed()).isEmpty());
    CrashScenario.Outcome fanOut = outcomes.get(2);
    // The kill came after at least one mail and before the last: the restart had work to finish.
    assertThat(fanOut.landed()).matches("after ([1-9]|1[0-9]|2[0-3]) of " + orgs + " mails");
  }
}
