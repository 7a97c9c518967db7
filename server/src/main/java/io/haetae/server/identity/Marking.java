package io.haetae.server.identity;

import java.util.UUID;

/**
 * How a piece of shared information (an advisory, an alert, a report) is labelled: its TLP,
 * the organisation that shared it, and the sector it was shared with (null: no sector).
 */
public record Marking(Tlp tlp, UUID origin, String sector) {

  public static final Marking PUBLIC = new Marking(Tlp.CLEAR, null, null);

  public Marking {
    // One spelling of a sector everywhere: an audience "Energy" reaches the sector "energy".
    sector = SectorCode.normalise(sector);
    if (tlp == null) throw new IllegalArgumentException("'tlp' is missing");
    if (tlp != Tlp.CLEAR && tlp != Tlp.GREEN && origin == null && sector == null) {
      throw new IllegalArgumentException("'" + tlp.label() + "' needs an originating organisation or an audience sector");
    }
  }
}
