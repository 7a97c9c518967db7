package io.haetae.server.disclosure;

import java.util.List;

/**
 * The SSVC triage inputs of a cluster (CERT/CC Stakeholder-Specific Vulnerability Categorization:
 * Exploitation, Automatable, Technical Impact, and how many organisations hold the package) and
 * the priority they give; {@code why} says where each value came from. docs/disclosure.md has the tree.
 */
public record Ssvc(Exploitation exploitation, boolean automatable, boolean totalImpact, int holders, Priority priority,
    List<String> why) {

  public enum Exploitation { NONE, POC, ACTIVE }

  /** Most urgent first. */
  public enum Priority { IMMEDIATE, OUT_OF_CYCLE, SCHEDULED, DEFER }

  /** Organisations holding the package from which on the priority rises one step. */
  public static final int MANY_HOLDERS = 10;

  public Ssvc {
    why = List.copyOf(why);
  }

  /** The tree: exploitation first, then automatable and technical impact; many holders raise it one step. */
  public static Priority decide(Exploitation e, boolean automatable, boolean total, int holders) {
    Priority p = switch (e) {
      case ACTIVE -> automatable || total ? Priority.IMMEDIATE : Priority.OUT_OF_CYCLE;
      case POC -> automatable && total ? Priority.OUT_OF_CYCLE : Priority.SCHEDULED;
      case NONE -> automatable && total ? Priority.SCHEDULED : Priority.DEFER;
    };
    if (holders >= MANY_HOLDERS && p.ordinal() > 0) p = Priority.values()[p.ordinal() - 1];
    return p;
  }
}
