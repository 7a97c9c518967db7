package io.haetae.server.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemediationsTest {

  @Test
  void readsTheWorkaroundsSectionOfGhsaDetails() {
    String details = """
        ### Impact
        A crafted request crashes the server.

        ### Patches
        Fixed in 2.1.0.

        ### Workarounds
        Set `maxDepth` to 100 in the parser options.

        ### References
        - https://example.org
        """;

    assertThat(Remediations.section(details)).contains("Set `maxDepth` to 100 in the parser options.");
  }

  @Test
  void readsABoldMitigationHeading() {
    assertThat(Remediations.section("Intro\n\n**Mitigation**\nBlock port 8080.\n")).contains("Block port 8080.");
  }

  @Test
  void detailsWithoutSuchSectionHaveNone() {
    assertThat(Remediations.section("### Impact\nBad.\n### Patches\n1.2.3")).isEmpty();
    assertThat(Remediations.section("There are no workarounds.")).isEmpty();
  }
}
