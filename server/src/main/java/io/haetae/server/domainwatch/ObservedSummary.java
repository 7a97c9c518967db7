package io.haetae.server.domainwatch;

import java.util.List;

/** What an observed-domain upload did: names read, matches new and known, lines skipped. */
public record ObservedSummary(int names, int matches, int newMatches, List<String> rejected) {

  public ObservedSummary {
    rejected = List.copyOf(rejected);
  }
}
