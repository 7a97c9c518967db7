package io.haetae.server.knowledge.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Caches of what the advisory store answers, kept for one knowledge generation
 * (V15__generation.sql): every import transaction that stores or replaces a record raises it, on
 * whichever node it runs. {@link #current()} reads the generation before anything it guards is
 * loaded, and a cache is only ever filled under the generation read before filling it, so a node
 * may reload too often but never serves what an import has since replaced.
 */
@Component
public class KnowledgeGeneration {

  /** The caches of one generation, by name; a reader behind the current generation gets none. */
  public static final class Caches {
    private final long number;
    private final ConcurrentHashMap<String, Cache<?, ?>> byName = new ConcurrentHashMap<>();

    private Caches(long number) {
      this.number = number;
    }

    /** The named cache of this generation, built by {@code builder} the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> named(String name, Supplier<Caffeine<Object, Object>> builder) {
      return (Cache<K, V>) byName.computeIfAbsent(name, n -> builder.get().build());
    }
  }

  private final AdvisoryRepository repository;
  private final AtomicReference<Caches> current = new AtomicReference<>();

  KnowledgeGeneration(AdvisoryRepository repository) {
    this.repository = repository;
  }

  /**
   * The caches of the generation committed now; empty when a newer generation is already current
   * (what this reader would load may be older than what that one holds): load without caching.
   */
  public java.util.Optional<Caches> current() {
    long number = repository.generation();
    while (true) {
      Caches c = current.get();
      if (c != null && c.number == number) return java.util.Optional.of(c);
      if (c != null && c.number > number) return java.util.Optional.empty();
      var fresh = new Caches(number);
      if (current.compareAndSet(c, fresh)) return java.util.Optional.of(fresh);
    }
  }
}
