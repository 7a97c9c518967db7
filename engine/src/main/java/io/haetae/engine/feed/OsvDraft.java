package io.haetae.engine.feed;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvReader;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OSV record being assembled from another format. Converting readers build OSV JSON and
 * hand it to {@link OsvReader}, so every source ends up as the same validated {@link Advisory}
 * whose {@code json} the OSV API can serve; facts OSV has no field for go to
 * {@code database_specific} (and {@code affected[].database_specific}).
 */
final class OsvDraft {

  private static final OsvReader READER = new OsvReader(FeedFiles.MAPPER);

  private final ObjectNode root = FeedFiles.MAPPER.createObjectNode();
  private final Set<String> urls = new LinkedHashSet<>();

  OsvDraft(String id, Instant modified) {
    root.put("schema_version", "1.6.0");
    root.put("id", id);
    root.put("modified", modified.toString());
  }

  OsvDraft time(String field, Instant at) {
    if (at != null) root.put(field, at.toString());
    return this;
  }

  OsvDraft text(String field, String text) {
    if (text != null && !text.isBlank()) root.put(field, text.strip());
    return this;
  }

  /** A CVSS vector; OSV's type (CVSS_V2, CVSS_V3, CVSS_V4) follows from its prefix. */
  OsvDraft cvss(String vector) {
    if (vector == null || vector.isBlank()) return this;
    var type = vector.startsWith("CVSS:4") ? "CVSS_V4" : vector.startsWith("CVSS:3") ? "CVSS_V3" : "CVSS_V2";
    for (var existing : root.withArray("severity")) {
      if (existing.get("score").stringValue().equals(vector.strip())) return this;
    }
    root.withArray("severity").addObject().put("type", type).put("score", vector.strip());
    return this;
  }

  OsvDraft reference(String type, String url) {
    if (url != null && !url.isBlank() && urls.add(url.strip())) {
      root.withArray("references").addObject().put("type", type).put("url", url.strip());
    }
    return this;
  }

  ObjectNode addAffected() {
    return root.withArray("affected").addObject();
  }

  ObjectNode databaseSpecific() {
    return root.withObject("database_specific");
  }

  /** The validated advisory; a mapping this reader got wrong surfaces as Invalid, never as a half record. */
  Advisory advisory() {
    return switch (READER.read(root)) {
      case OsvReader.Parsed parsed -> parsed.advisory();
      case OsvReader.Rejected rejected -> throw new Invalid("", "converted record is not valid OSV: " + rejected);
    };
  }
}
