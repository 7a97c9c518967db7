package io.haetae.engine.vex;

import java.util.List;

/**
 * One VEX statement: what the supplier says about one vulnerability in some products
 * ({@code products} empty: the whole product the document is about). {@code justification}
 * is the machine-readable reason (e.g. {@code vulnerable_code_not_in_execute_path}),
 * {@code detail} the supplier's own words.
 */
public record VexStatement(String vulnerability, List<String> products, Status status, String justification,
    String detail) {

  public enum Status { NOT_AFFECTED, AFFECTED, FIXED, UNDER_INVESTIGATION }

  public VexStatement {
    if (vulnerability == null || vulnerability.isBlank()) throw new IllegalArgumentException("vulnerability is blank");
    products = List.copyOf(products);
  }

  /** Whether the statement may suppress a finding: not affected, and saying why. */
  public boolean suppresses() {
    return status == Status.NOT_AFFECTED && (isSet(justification) || isSet(detail));
  }

  /** The reason shown beside a suppressed finding. */
  public String reason() {
    var why = isSet(justification) ? justification : "";
    if (isSet(detail)) why = why.isEmpty() ? detail : why + ": " + detail;
    return "not affected (" + why + ")";
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }
}
