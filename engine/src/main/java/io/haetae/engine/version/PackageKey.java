package io.haetae.engine.version;

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

  @Override
  public String toString() {
    return ecosystem.osvName() + "/" + name;
  }
}
