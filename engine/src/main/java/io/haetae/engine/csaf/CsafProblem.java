package io.haetae.engine.csaf;

/**
 * One reason a CSAF document is not valid: the test that failed ({@code "schema"}, or the
 * section of a mandatory test, {@code "6.1.1"}), the JSON pointer of the culprit and what is wrong.
 *
 * <pre>{@code
 * new CsafProblem("6.1.1", "/vulnerabilities/0/product_status/fixed/0", "definition of product id 'CSAFPID-9' missing")
 * }</pre>
 */
public record CsafProblem(String test, String path, String message) {

  public CsafProblem {
    if (test == null || test.isBlank()) throw new IllegalArgumentException("test is blank");
    path = path == null ? "" : path;
  }

  @Override
  public String toString() {
    return (test.equals("schema") ? "schema" : "test " + test) + " at '" + path + "': " + message;
  }
}
