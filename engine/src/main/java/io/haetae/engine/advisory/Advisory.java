package io.haetae.engine.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The canonical advisory: an OSV-shaped record (https://ossf.github.io/osv-schema/). Every
 * reader maps its format into this; {@code json} keeps the source record as OSV JSON so the
 * OSV-compatible API can serve it unchanged.
 */
public record Advisory(
    String id,
    List<String> aliases,
    Instant modified,
    Instant published,
    Instant withdrawn,
    String summary,
    String details,
    List<SeverityScore> severity,
    List<AffectedPackage> affected,
    List<Reference> references,
    String json) {

  public Advisory {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("advisory id is blank");
    Objects.requireNonNull(modified, "modified");
    aliases = List.copyOf(aliases);
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
    references = List.copyOf(references);
    summary = summary == null ? "" : summary;
    details = details == null ? "" : details;
  }

  /** Ids under which this advisory is known: its own id first, then its aliases. */
  public List<String> allIds() {
    var ids = new java.util.ArrayList<String>(aliases.size() + 1);
    ids.add(id);
    aliases.stream().filter(a -> !a.equals(id)).forEach(ids::add);
    return List.copyOf(ids);
  }

  public boolean isWithdrawn() {
    return withdrawn != null;
  }
}
