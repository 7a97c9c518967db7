package io.haetae.server.knowledge.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.haetae.engine.match.AdvisoryIndex;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.knowledge.StoredAdvisory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The advisories of each package as matching reads them: parsed, rated ({@link AliasSeverity}, then
 * {@link StoredAdvisory#rated()}), with their TLP marking; packages no advisory names are kept
 * too, as empty lists. Every SBOM upload asked the database for the same advisories of the same
 * popular packages in four queries and rated them again (BENCHMARKS.md, issue 17 part 6);
 * between imports the answer cannot change, so they are kept for the {@link KnowledgeGeneration}.
 * Weighed by the records' JSON length ({@code haetae.knowledge.package-cache}, 0 turns it off).
 */
@Component
public class PackageAdvisories {

  private final AdvisoryRepository repository;
  private final AliasSeverity aliasSeverity;
  private final KnowledgeGeneration generation;
  private final long maxWeight;

  PackageAdvisories(AdvisoryRepository repository, AliasSeverity aliasSeverity, KnowledgeGeneration generation,
      @Value("${haetae.knowledge.package-cache:64MB}") DataSize size) {
    this.repository = repository;
    this.aliasSeverity = aliasSeverity;
    this.generation = generation;
    this.maxWeight = size.toBytes();
  }

  /** Every advisory naming one of the packages, whatever its TLP, once each, withdrawn ones left out. */
  public List<StoredAdvisory> of(Collection<PackageKey> packages) {
    if (packages.isEmpty()) return List.of();
    if (maxWeight <= 0) return load(packages);
    var keys = new LinkedHashSet<>(packages);
    Map<PackageKey, List<StoredAdvisory>> found = generation.cached("package-advisories",
        () -> Caffeine.newBuilder().maximumWeight(maxWeight).weigher((k, list) -> weight((List<?>) list)),
        keys, missing -> byPackage(List.copyOf(missing), load(missing)));
    var out = new LinkedHashMap<String, StoredAdvisory>();
    for (PackageKey k : keys) for (StoredAdvisory s : found.get(k)) out.putIfAbsent(s.advisory().id(), s);
    return List.copyOf(out.values());
  }

  private List<StoredAdvisory> load(Collection<PackageKey> packages) {
    return aliasSeverity.enrich(repository.findStoredByPackages(packages)).stream().map(StoredAdvisory::rated).toList();
  }

  /** Each asked package with the loaded advisories naming it; a package none names keeps an empty list. */
  private static Map<PackageKey, List<StoredAdvisory>> byPackage(List<PackageKey> asked, List<StoredAdvisory> loaded) {
    var out = new HashMap<PackageKey, List<StoredAdvisory>>();
    asked.forEach(k -> out.put(k, new ArrayList<>()));
    for (StoredAdvisory s : loaded) {
      for (PackageKey k : AdvisoryIndex.keysOf(s.advisory())) {
        var list = out.get(k);
        if (list != null) list.add(s);
      }
    }
    out.replaceAll((k, list) -> List.copyOf(list));
    return out;
  }

  private static int weight(List<?> list) {
    long w = 64;
    for (Object o : list) {
      var json = ((StoredAdvisory) o).advisory().json();
      w += json == null ? 256 : json.length();
    }
    return (int) Math.min(Integer.MAX_VALUE, w);
  }
}
