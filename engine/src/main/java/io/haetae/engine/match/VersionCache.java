package io.haetae.engine.match;

import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed versions by scheme and text, so the versions in an index's range events are parsed
 * once, not once per component they are compared with (a jackson-databind component meets
 * 140 advisories with some 600 events). Failures are kept too: an unparseable event stays
 * unparseable. Thread-safe; capped, since installed versions pass through it as well.
 */
final class VersionCache {

  private static final int MAX_ENTRIES = 2_000_000;

  private final Map<VersionScheme, Map<String, Object>> byScheme = new ConcurrentHashMap<>();
  private final boolean enabled;

  private VersionCache(boolean enabled) {
    this.enabled = enabled;
  }

  static VersionCache create() {
    return new VersionCache(true);
  }

  /** Parses every time: for one-off evaluations, where a cache would only cost memory. */
  static VersionCache none() {
    return new VersionCache(false);
  }

  Version parse(VersionScheme scheme, String text) throws InvalidVersionException {
    if (!enabled) return scheme.parse(text);
    var cache = byScheme.computeIfAbsent(scheme, s -> new ConcurrentHashMap<>());
    Object parsed = cache.get(text);
    if (parsed == null) {
      try {
        parsed = scheme.parse(text);
      } catch (InvalidVersionException e) {
        parsed = e;
      }
      if (cache.size() < MAX_ENTRIES) cache.put(text, parsed);
    }
    if (parsed instanceof InvalidVersionException e) throw e;
    return (Version) parsed;
  }
}
