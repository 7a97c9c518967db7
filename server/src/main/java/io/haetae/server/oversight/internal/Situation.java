package io.haetae.server.oversight.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.oversight.internal.Rooms.Figures;
import io.haetae.server.oversight.internal.Rooms.Tally;
import io.haetae.server.web.NotFoundException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The figures of a room, as pages, JSON and CSV show them: the same numbers everywhere. */
@Component
class Situation {

  private final Rooms rooms;
  private final AdvisoryCatalog catalog;

  Situation(Rooms rooms, AdvisoryCatalog catalog) {
    this.rooms = rooms;
    this.catalog = catalog;
  }

  /** A room's figures: the total and one row per sector. */
  record Summary(LocalDate from, LocalDate to, Figures total, Map<String, Figures> bySector, Map<String, Tally> tallies) {}

  /** The caller's scope, narrowed to one sector when asked; a sector outside the scope is 404, as if unknown. */
  static Scope scope(Caller caller, String sector) {
    Scope scope = Scope.of(caller);
    if (sector == null || sector.isBlank()) return scope;
    String s = sector.strip();
    if (!scope.admits(s)) throw new NotFoundException("sector");
    return scope.only(s);
  }

  Summary summary(Scope scope, Period period) {
    var tallies = rooms.bySector(scope, period);
    var total = new Tally();
    var by = new java.util.LinkedHashMap<String, Figures>();
    tallies.forEach((sector, t) -> {
      total.add(t);
      by.put(sector, t.figures());
    });
    return new Summary(period.from(), period.to(), total.figures(), by, tallies);
  }

  /** Every id the vulnerability is known by (the knowledge alias index), the one asked first. */
  Set<String> idsOf(String idOrAlias) {
    var ids = new LinkedHashSet<String>();
    if (idOrAlias == null || idOrAlias.isBlank() || idOrAlias.length() > 255) return ids;
    ids.add(idOrAlias.strip());
    catalog.vulnerability(idOrAlias).ifPresent(v -> {
      ids.add(v.id());
      ids.addAll(v.aliases());
      v.sources().forEach(s -> { if (s.id() != null) ids.add(s.id()); });
    });
    return ids;
  }

  List<Rooms.Exposure> exposure(Scope scope, String idOrAlias) {
    return new ArrayList<>(rooms.exposure(scope, idsOf(idOrAlias)));
  }
}
