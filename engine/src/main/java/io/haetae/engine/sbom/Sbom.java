package io.haetae.engine.sbom;

import java.util.List;
import java.util.Map;

/**
 * An SBOM reduced to what the hub stores and matches: the subject ({@code metadata.component},
 * possibly null), the flattened component list (nested components included) and the
 * dependency edges by bom-ref.
 */
public record Sbom(
    String format,
    String specVersion,
    String serialNumber,
    Component subject,
    List<Component> components,
    Map<String, List<String>> dependencies) {

  public Sbom {
    components = List.copyOf(components);
    dependencies = Map.copyOf(dependencies);
  }
}
