package io.haetae.engine.match;

import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed versions by scheme and text, and range events parsed and sorted by version, so an
 * advisory's ranges are prepared once, not once per component they are compared with (a
 * jackson-databind component meets 140 advisories with some 600 events) nor once per upload:
 * {@link #shared()} lives as long as the process, as the parsed advisories the hub keeps do.
 * Failures are kept too: an unparseable event stays unparseable. Thread-safe and bounded: a map
 * that reaches its cap starts again empty, since installed versions pass through it as well.
 */
final class VersionCache {

  private static final int MAX_VERSIONS = 2_000_000;
  private static final int MAX_RANGES = 500_000;
  /** Versions held by the lists' arrays (references: the versions themselves are the parse cache's). */
  private static final long MAX_LISTED = 4_000_000;
  private static final VersionCache SHARED = new VersionCache();

  private final Map<VersionScheme, Map<String, Object>> byScheme = new ConcurrentHashMap<>();
  private final Map<VersionScheme, Map<Same, Object>> rangesByScheme = new ConcurrentHashMap<>();
  private final Map<VersionScheme, Map<Same, Version[]>> listsByScheme = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong listed = new java.util.concurrent.atomic.AtomicLong();

  /**
   * A list or range by identity: hashing a list of hundreds of versions (or a range's events) for
   * every lookup cost as much as the search. The hub keeps its parsed advisories (and so these
   * lists and ranges) across uploads.
   */
  record Same(Object of) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Same s && s.of == of;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(of);
    }
  }
  private VersionCache() {}

  /** The process's cache: parsed versions depend only on the scheme and the text. */
  static VersionCache shared() {
    return SHARED;
  }

  /**
   * The value of {@code key} in {@code map}, computed and kept when absent; a map that reaches
   * {@code max} entries starts again empty (the bound of every process-wide memo of matching).
   */
  static <K, V> V memo(Map<K, V> map, int max, K key, java.util.function.Function<? super K, ? extends V> compute) {
    V value = map.get(key);
    if (value == null) {
      value = compute.apply(key);
      if (map.size() >= max) map.clear();
      map.put(key, value);
    }
    return value;
  }

  Version parse(VersionScheme scheme, String text) throws InvalidVersionException {
    Object parsed = memo(byScheme.computeIfAbsent(scheme, s -> new ConcurrentHashMap<>()), MAX_VERSIONS, text, t -> {
      try {
        return scheme.parse(t);
      } catch (InvalidVersionException e) {
        return e;
      }
    });
    if (parsed instanceof InvalidVersionException e) throw e;
    return (Version) parsed;
  }

  /** An event and its parsed version; null for {@code introduced: "0"}, which sorts first. */
  record Event(RangeEvent event, Version version) {}

  private static final Comparator<Event> BY_VERSION =
      Comparator.comparing(Event::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * The range's events parsed in {@code scheme} and sorted by version, as the OSV algorithm
   * walks them; throws the first event's (in source order) parse failure.
   */
  List<Event> sorted(VersionScheme scheme, AffectedRange range) throws InvalidVersionException {
    Object sorted = memo(rangesByScheme.computeIfAbsent(scheme, s -> new ConcurrentHashMap<>()), MAX_RANGES, new Same(range), k -> {
      try {
        return sort(scheme, range);
      } catch (InvalidVersionException e) {
        return e;
      }
    });
    if (sorted instanceof InvalidVersionException e) throw e;
    @SuppressWarnings("unchecked")
    List<Event> events = (List<Event>) sorted;
    return events;
  }

  /**
   * The parseable versions of an affected package's {@code versions} list, sorted: PyPI records
   * list every affected release (hundreds), and parsing each for every component was most of
   * a PyPI component's matching.
   */
  Version[] listed(VersionScheme scheme, List<String> versions) {
    var cache = listsByScheme.computeIfAbsent(scheme, s -> new ConcurrentHashMap<>());
    Version[] sorted = cache.get(new Same(versions));
    if (sorted == null) {
      sorted = parseListed(scheme, versions);
      if (listed.addAndGet(sorted.length) > MAX_LISTED) {
        listsByScheme.values().forEach(Map::clear);
        listed.set(sorted.length);
      }
      cache.put(new Same(versions), sorted);
    }
    return sorted;
  }

  private Version[] parseListed(VersionScheme scheme, List<String> versions) {
    var parsed = new ArrayList<Version>(versions.size());
    for (String text : versions) {
      try {
        parsed.add(parse(scheme, text));
      } catch (InvalidVersionException e) {
        // Only its exact text can match: RangeEvaluator compares the text as well.
      }
    }
    Version[] out = parsed.toArray(Version[]::new);
    java.util.Arrays.sort(out);
    return out;
  }

  private List<Event> sort(VersionScheme scheme, AffectedRange range) throws InvalidVersionException {
    List<Event> events = new ArrayList<>(range.events().size());
    for (RangeEvent e : range.events()) {
      boolean zero = e instanceof RangeEvent.Introduced && "0".equals(e.version());
      events.add(new Event(e, zero ? null : parse(scheme, e.version())));
    }
    events.sort(BY_VERSION);
    return List.copyOf(events);
  }
}
