package io.haetae.server.alert.internal;

import io.haetae.server.findings.Finding;
import io.haetae.server.knowledge.Exploitation;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The order of a digest: most urgent first, by the priority rule of docs/priority.md. */
final class DigestOrder {

  private DigestOrder() {}

  static List<String> ids(List<Finding> findings) {
    return findings.stream().flatMap(DigestOrder::idsOf).distinct().toList();
  }

  /** KEV first, then EPSS, then CVSS; the severity band, then the advisory id break ties. */
  static List<Finding> sort(List<Finding> findings, Exploitation exploitation) {
    return findings.stream().sorted(Comparator
            .comparing((Finding f) -> exploitation.priority(idsOf(f).toList(), f.score()))
            .thenComparing(Finding::severity)
            .thenComparing(Finding::advisoryId))
        .toList();
  }

  private static Stream<String> idsOf(Finding f) {
    return Stream.concat(Stream.of(f.advisoryId()), f.aliases().stream());
  }
}
