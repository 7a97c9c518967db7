package io.haetae.server.inventory;

import java.time.Instant;
import java.util.UUID;

/** One SBOM upload and, once analysed, what the analysis found and how long it took. */
public record Upload(UUID token, UUID projectId, UUID orgId, String format, int components,
    Instant receivedAt, Instant processedAt, Integer findings, Long tookMs) {

  public boolean processing() {
    return processedAt == null;
  }
}
