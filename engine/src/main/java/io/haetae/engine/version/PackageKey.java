package io.haetae.engine.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The key under which advisories and components meet: an ecosystem and a normalised package
 * name. Maven names are "groupId:artifactId", npm names keep their "@scope/", Go names are
 * module paths, Packagist names are "vendor/name", as OSV writes them.
 */
public record PackageKey(Ecosystem ecosystem, String name) {

  public PackageKey {
    if (ecosystem == null) throw new IllegalArgumentException("ecosystem is missing");
    if (name == null || name.isBlank()) throw new IllegalArgumentException("package name is blank");
    name = ecosystem.normalizeName(name);
  }

  /**
   * Names grouped by ecosystem, in chunks of at most {@code chunk}: the shape of an indexed
   * lookup {@code ecosystem = ? AND package_name IN (...)} that both H2 and PostgreSQL answer
   * from the (ecosystem, name) index, unlike a long OR of pairs, which H2 scans.
   */
  public static List<Map.Entry<Ecosystem, List<String>>> chunkedByEcosystem(
      Collection<PackageKey> keys, int chunk) {
    var byEcosystem = new EnumMap<Ecosystem, List<String>>(Ecosystem.class);
    for (PackageKey k : new LinkedHashSet<>(keys)) {
      byEcosystem.computeIfAbsent(k.ecosystem(), e -> new ArrayList<>()).add(k.name());
    }
    var out = new java.util.ArrayList<java.util.Map.Entry<Ecosystem, java.util.List<String>>>();
    byEcosystem.forEach((eco, names) -> {
      for (int from = 0; from < names.size(); from += chunk) {
        out.add(Map.entry(eco, List.copyOf(names.subList(from, Math.min(names.size(), from + chunk)))));
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return ecosystem.osvName() + "/" + name;
  }
}
