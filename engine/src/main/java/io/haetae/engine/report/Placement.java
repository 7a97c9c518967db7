package io.haetae.engine.report;

/**
 * Where clustering put one report: {@code clusterId} is the id of the cluster's earliest report
 * (its own id when it stands alone); {@code duplicateOf} the earlier report it repeats most
 * closely (null for the earliest); {@code similarity} 1.0 for the same package, versions and
 * CWE, else the estimated Jaccard similarity of the two texts; {@code reason} says which rule joined them.
 */
public record Placement(String id, String clusterId, String duplicateOf, double similarity, Reason reason) {

  public enum Reason { ALONE, SAME_PACKAGE_VERSIONS_CWE, SIMILAR_TEXT }

  public boolean isDuplicate() {
    return duplicateOf != null;
  }
}
