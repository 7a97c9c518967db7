package io.haetae.engine.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.LicenseChoice;

/**
 * Maps cyclonedx-core-java's {@link Bom} (same model for JSON and XML) to our {@link Sbom}.
 * Nested components are flattened depth-first, parents before children: matching needs every
 * shipped component, wherever the producer chose to nest it. {@code metadata.component} is the
 * product the SBOM describes, so it becomes the subject, not a component; components nested
 * inside it are shipped parts and are kept.
 */
final class CycloneDxMapper {

  static final String FORMAT = "CycloneDX";

  private CycloneDxMapper() {}

  static Sbom toSbom(Bom bom, String specVersion, String source) throws SbomException {
    var components = new ArrayList<Component>();
    Component subject = null;
    var metadata = bom.getMetadata();
    if (metadata != null && metadata.getComponent() != null) {
      subject = component(metadata.getComponent(), "/metadata/component", source);
      flatten(metadata.getComponent().getComponents(), "/metadata/component/components", components, source);
    }
    flatten(bom.getComponents(), "/components", components, source);
    return new Sbom(FORMAT, specVersion, bom.getSerialNumber(), subject, components, dependencies(bom));
  }

  private static void flatten(List<org.cyclonedx.model.Component> nested, String path,
      List<Component> into, String source) throws SbomException {
    if (nested == null) return;
    for (int i = 0; i < nested.size(); i++) {
      var at = path + "/" + i;
      // Both schemas require a name, so a component without one that passed validation is
      // the library's reading of a foreign XML extension element inside <components>
      // (spec test valid-external-elements-*.xml): not a component.
      if (nested.get(i).getName() == null) continue;
      into.add(component(nested.get(i), at, source));
      flatten(nested.get(i).getComponents(), at + "/components", into, source);
    }
  }

  private static Component component(org.cyclonedx.model.Component c, String path, String source)
      throws SbomException {
    // The schemas require a name but allow an empty one; matching cannot use a blank name.
    if (c.getName() == null || c.getName().isBlank()) {
      var which = c.getPurl() != null ? c.getPurl() : c.getBomRef();
      throw new SbomException(source, path, "component has no name" + (which == null ? "" : " (" + which + ")"));
    }
    return new Component(c.getBomRef(), c.getType() == null ? null : c.getType().getTypeName(),
        c.getGroup(), c.getName(), c.getVersion(), c.getPurl(), c.getCpe(), licenses(c.getLicenses()));
  }

  private static List<String> licenses(LicenseChoice choice) {
    if (choice == null) return List.of();
    var licenses = new ArrayList<String>();
    if (choice.getLicenses() != null) {
      for (var license : choice.getLicenses()) {
        var id = license.getId() != null ? license.getId() : license.getName();
        if (id != null && !id.isBlank()) licenses.add(id);
      }
    }
    if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
      licenses.add(choice.getExpression().getValue());
    }
    return licenses;
  }

  /** bom-ref to the bom-refs it depends on; XML 1.2 nests dependencies, so walk them all. */
  private static Map<String, List<String>> dependencies(Bom bom) {
    var edges = new LinkedHashMap<String, LinkedHashSet<String>>();
    collect(bom.getDependencies(), edges);
    var result = new LinkedHashMap<String, List<String>>();
    edges.forEach((ref, targets) -> result.put(ref, List.copyOf(targets)));
    return result;
  }

  private static void collect(List<Dependency> dependencies, Map<String, LinkedHashSet<String>> edges) {
    if (dependencies == null) return;
    for (var dependency : dependencies) {
      if (dependency.getRef() == null) continue;
      var targets = edges.computeIfAbsent(dependency.getRef(), ref -> new LinkedHashSet<>());
      if (dependency.getDependencies() == null) continue;
      for (var target : dependency.getDependencies()) {
        if (target.getRef() != null) targets.add(target.getRef());
      }
      // Only nested entries that list dependencies of their own are declarations; the rest
      // are plain references, and must not read as "depends on nothing".
      collect(dependency.getDependencies().stream()
          .filter(d -> d.getDependencies() != null && !d.getDependencies().isEmpty()).toList(), edges);
    }
  }
}
