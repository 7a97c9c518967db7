package io.haetae.server.knowledge.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Caches of what the advisory store answers, kept for one knowledge generation
 * (V15__generation.sql): every import transaction that stores or replaces a record raises it, on
 * whichever node it runs. {@link #cached} reads the generation before anything it guards is
 * loaded, and a cache is only ever filled under the generation read before filling it, so a node
 * may reload too often but never serves what an import has since replaced.
 */
@Component
public class KnowledgeGeneration {

  /** The caches of one generation, by name. */
  private static final class Caches {
    private final long number;
    private final ConcurrentHashMap<String, Cache<?, ?>> byName = new ConcurrentHashMap<>();

    private Caches(long number) {
      this.number = number;
    }

    @SuppressWarnings("unchecked")
    <K, V> Cache<K, V> named(String name, Supplier<Caffeine<Object, Object>> builder) {
      return (Cache<K, V>) byName.computeIfAbsent(name, n -> builder.get().build());
    }
  }

  private final AdvisoryRepository repository;
  private final AtomicReference<Caches> current = new AtomicReference<>();

  KnowledgeGeneration(AdvisoryRepository repository) {
    this.repository = repository;
  }

  /**
   * The values of {@code keys} from this generation's cache called {@code name} (built by
   * {@code builder} when first asked for), {@code load} asked for the keys it lacks. A key
   * {@code load} leaves out is neither cached nor answered. When a newer generation is already
   * current, what this reader would load may be older than what that one holds: {@code load}
   * answers all of them and nothing is kept.
   */
  public <K, V> Map<K, V> cached(String name, Supplier<Caffeine<Object, Object>> builder, Collection<K> keys,
      Function<Set<K>, Map<K, V>> load) {
    Caches caches = current();
    if (caches == null) return load.apply(new LinkedHashSet<>(keys));
    Cache<K, V> cache = caches.named(name, builder);
    return cache.getAll(keys, missing -> load.apply(new LinkedHashSet<>(missing)));
  }

  /** The caches of the generation committed now; null when a newer one is already current. */
  private Caches current() {
    long number = repository.generation();
    while (true) {
      Caches c = current.get();
      if (c != null && c.number == number) return c;
      if (c != null && c.number > number) return null;
      var fresh = new Caches(number);
      if (current.compareAndSet(c, fresh)) return fresh;
    }
  }
}
