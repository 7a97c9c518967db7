package io.haetae.engine.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both SPDX 2.x readers collect (packages, DESCRIBES targets, dependency relationships),
 * turned into an {@link Sbom} one way for JSON and tag-value alike.
 */
final class SpdxDocument {

  static final String FORMAT = "SPDX";

  private final String specVersion;
  private final String namespace;
  private final Map<String, Component> packages = new LinkedHashMap<>();
  private final Set<String> described = new LinkedHashSet<>();
  private final Map<String, LinkedHashSet<String>> dependsOn = new LinkedHashMap<>();

  SpdxDocument(String specVersion, String namespace) {
    this.specVersion = specVersion;
    this.namespace = namespace;
  }

  void addPackage(Component component) {
    packages.put(component.bomRef(), component);
  }

  void describes(String spdxId) {
    described.add(spdxId);
  }

  /**
   * One SPDX relationship. DEPENDS_ON points from the dependant; DEPENDENCY_OF and its
   * typed variants (RUNTIME_DEPENDENCY_OF, DEV_DEPENDENCY_OF, ...) point the other way.
   */
  void relate(String from, String type, String to) {
    switch (type) {
      case "DESCRIBES" -> {
        if ("SPDXRef-DOCUMENT".equals(from)) described.add(to);
      }
      case "DESCRIBED_BY" -> {
        if ("SPDXRef-DOCUMENT".equals(to)) described.add(from);
      }
      case "DEPENDS_ON" -> edge(from, to);
      default -> {
        if (type.endsWith("DEPENDENCY_OF")) edge(to, from);
      }
    }
  }

  private void edge(String from, String to) {
    dependsOn.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
  }

  /**
   * The document's one described package is the product (the subject), the rest its
   * components; a document describing several packages, or none, ships them all.
   */
  Sbom toSbom() {
    var describedPackages = described.stream().filter(packages::containsKey).toList();
    Component subject = describedPackages.size() == 1 && packages.size() > 1
        ? packages.get(describedPackages.getFirst()) : null;
    var components = new ArrayList<Component>(packages.values());
    if (subject != null) components.remove(subject);
    var edges = new LinkedHashMap<String, List<String>>();
    dependsOn.forEach((from, to) -> edges.put(from, List.copyOf(to)));
    return new Sbom(FORMAT, specVersion, namespace, subject, components, edges);
  }

  /** An SPDX licence field, unless it says it knows nothing. */
  static void addLicence(List<String> into, String value) {
    if (value == null || value.isBlank() || value.equals("NOASSERTION") || value.equals("NONE")) return;
    if (!into.contains(value.strip())) into.add(value.strip());
  }

  /** The SPDX versions whose 2.x model the readers map (2.0 and 2.1 documents read the same way). */
  static boolean supported(String spdxVersion) {
    return spdxVersion != null && spdxVersion.matches("SPDX-2\\.[0-3]");
  }
}
