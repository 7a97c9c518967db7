package io.haetae.server.inventory;

import io.haetae.engine.sbom.Component;
import io.haetae.engine.sbom.PurlDeriver;
import java.util.List;

/** A stored component that matching cannot reach, and why (no version, only a CPE, ...). */
public record UnmatchedComponent(String name, String group, String version, String purl, String cpe, String reason) {

  static UnmatchedComponent of(StoredComponent c) {
    var component = new Component(null, null, c.group(), c.name(), c.version(), c.purl(), c.cpe(), List.of());
    var reason = PurlDeriver.unmatchedReason(component);
    return new UnmatchedComponent(c.name(), c.group(), c.version(), c.purl(), c.cpe(),
        reason == null ? "its package names no ecosystem with advisories" : reason);
  }
}
