package io.haetae.server.disclosure;

import java.util.List;
import java.util.UUID;

/** Reports were stored (one, or a batch), already clustered. */
public record ReportsSubmitted(List<UUID> reportIds) {

  public ReportsSubmitted {
    reportIds = List.copyOf(reportIds);
  }
}
