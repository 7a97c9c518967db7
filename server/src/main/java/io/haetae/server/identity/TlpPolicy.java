package io.haetae.server.identity;

import java.util.Objects;

/**
 * Who may read what a {@link Marking} labels; docs/access.md states the same table.
 *
 * <table>
 * <tr><th>label</th><th>audience</th></tr>
 * <tr><td>CLEAR</td><td>everyone, anonymous included (the OSV API, advisory pages)</td></tr>
 * <tr><td>GREEN</td><td>every signed-in member of the hub's community</td></tr>
 * <tr><td>AMBER</td><td>national operators; the originating organisation; organisations of the
 *   audience sector; that sector's operators and ISAC analysts</td></tr>
 * <tr><td>AMBER+STRICT</td><td>as AMBER, without ISAC analysts and sector operators: the
 *   recipient organisations themselves only</td></tr>
 * <tr><td>RED</td><td>national operators and the originating organisation only</td></tr>
 * </table>
 *
 * Reporters see CLEAR and GREEN only. Matching applies {@link #admits(Marking, Organisation)}:
 * an organisation outside an advisory's audience gets no finding from it, so no alert names it.
 */
public final class TlpPolicy {

  private TlpPolicy() {}

  /** Whether the caller (null: anonymous) may read what the marking labels. */
  public static boolean maySee(Caller caller, Marking m) {
    if (m.tlp() == Tlp.CLEAR) return true;
    if (caller == null) return false;
    if (m.tlp() == Tlp.GREEN || caller.isOperator() || caller.orgId().equals(m.origin())) return true;
    if (caller.role() == Role.REPORTER || m.tlp() == Tlp.RED || m.sector() == null) return false;
    boolean sharesOnward = caller.role() == Role.SECTOR_OPERATOR || caller.role() == Role.ISAC_ANALYST;
    if (m.tlp() == Tlp.AMBER_STRICT && sharesOnward) return false;
    return caller.sectors().contains(m.sector());
  }

  /** Whether an organisation as a whole is in the audience (matching and alerts). */
  public static boolean admits(Marking m, Organisation org) {
    return switch (m.tlp()) {
      case CLEAR, GREEN -> true;
      case RED -> org.operator() || org.id().equals(m.origin());
      case AMBER, AMBER_STRICT -> org.operator() || org.id().equals(m.origin())
          || (m.sector() != null && Objects.equals(m.sector(), org.sector()));
    };
  }
}
