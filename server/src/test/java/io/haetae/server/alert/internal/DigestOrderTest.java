package io.haetae.server.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.knowledge.Exploitation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DigestOrderTest {

  @Test
  void exploitedFirstThenLikelyToBeExploitedThenWorstCvss() {
    var critical = finding("GHSA-critical", List.of("CVE-2024-0001"), Severity.CRITICAL, 9.8);
    var medium = finding("GHSA-medium", List.of("CVE-2023-4863"), Severity.MEDIUM, 5.0);
    var likely = finding("GHSA-likely", List.of("CVE-1999-0003"), Severity.HIGH, 7.5);
    var noScore = finding("ALSA-2024:1", List.of(), Severity.HIGH, null);
    var exploitation = new Exploitation(Set.of("CVE-2023-4863"), Map.of("CVE-1999-0003", 0.89352, "CVE-2024-0001", 0.01));

    var ordered = DigestOrder.sort(List.of(noScore, critical, likely, medium), exploitation);

    // KEV beats a critical CVSS; a high EPSS beats a low one; an unscored finding comes last.
    assertThat(ordered).containsExactly(medium, likely, critical, noScore);
    assertThat(DigestOrder.ids(ordered)).contains("CVE-2023-4863", "GHSA-likely", "ALSA-2024:1");
  }

  private static Finding finding(String advisory, List<String> aliases, Severity severity, Double score) {
    return new Finding(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "pypi/x", "x", null, "1.0",
        "pkg:pypi/x@1.0", advisory, aliases, "title", severity, score, "1.1", Finding.AFFECTED, null, io.haetae.server.findings.FindingState.NEW,
        UUID.randomUUID(), Instant.parse("2025-01-01T00:00:00Z"));
  }
}
