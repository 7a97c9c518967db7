package io.haetae.server.findings;

/**
 * A finding may not move from its state to the one asked for (docs/findings.md has the table).
 * The API answers 409 with both states named.
 */
public class IllegalFindingMove extends RuntimeException {

  private final FindingState from;
  private final FindingState to;

  public IllegalFindingMove(FindingState from, FindingState to) {
    super("a finding in state " + from + " cannot move to " + to);
    this.from = from;
    this.to = to;
  }

  public FindingState from() {
    return from;
  }

  public FindingState to() {
    return to;
  }
}
