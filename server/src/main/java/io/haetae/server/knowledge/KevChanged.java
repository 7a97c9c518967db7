package io.haetae.server.knowledge;

import java.util.List;

/**
 * CISA's KEV catalogue newly lists these CVEs, or changed their due dates. Findings recompute
 * the due dates of the open findings they name (docs/deadlines.md).
 */
public record KevChanged(List<String> cveIds) {

  public KevChanged {
    cveIds = List.copyOf(cveIds);
  }
}
