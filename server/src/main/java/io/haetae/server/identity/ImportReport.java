package io.haetae.server.identity;

import java.util.List;

/**
 * What an organisation import did: how many organisations it created, changed and found as they
 * were, and each rejected line with the field and the reason.
 */
public record ImportReport(int created, int updated, int unchanged, List<Rejection> rejected) {

  public ImportReport {
    rejected = List.copyOf(rejected);
  }

  /** A line that was not imported; {@code field} is the column (or "row" for the line as a whole). */
  public record Rejection(int line, String field, String reason) {

    @Override
    public String toString() {
      return "line " + line + ", " + field + ": " + reason;
    }
  }
}
