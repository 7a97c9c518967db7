package io.haetae.server.disclosure;

import java.util.Collection;
import java.util.List;

/**
 * A move the report-management (or embargo) table does not allow; the API answers 409 with the
 * moves that are allowed, one line per report when a whole cluster was asked to move.
 */
public class IllegalReportMove extends RuntimeException {

  private final List<String> reasons;

  public IllegalReportMove(Collection<String> reasons) {
    super(String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public static String describe(String what, Object from, Object to, Collection<?> allowed) {
    return what + " is " + from + " and cannot move to " + to + "; allowed: "
        + (allowed.isEmpty() ? "none (final)" : allowed.stream().map(Object::toString).sorted().toList());
  }

  public List<String> reasons() {
    return reasons;
  }
}
