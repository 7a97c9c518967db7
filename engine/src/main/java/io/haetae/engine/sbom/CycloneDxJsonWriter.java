package io.haetae.engine.sbom;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Writes an {@link Sbom} as CycloneDX 1.6 JSON: the subject as {@code metadata.component}, every
 * component with its purl, CPE and licences, and the dependency graph by bom-ref. What
 * {@link CycloneDxJsonReader} reads back is the same {@link Sbom}.
 *
 * <pre>{@code
 * byte[] json = new CycloneDxJsonWriter().write(sbom, "haetae");
 * }</pre>
 */
public final class CycloneDxJsonWriter {

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public byte[] write(Sbom sbom, String tool) {
    var root = MAPPER.createObjectNode();
    root.put("bomFormat", "CycloneDX");
    root.put("specVersion", "1.6");
    root.put("serialNumber", sbom.serialNumber() != null && sbom.serialNumber().startsWith("urn:uuid:")
        ? sbom.serialNumber() : "urn:uuid:" + UUID.randomUUID());
    root.put("version", 1);
    var metadata = root.putObject("metadata");
    metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.putObject("tools").putArray("components").addObject().put("type", "application").put("name", tool);
    if (sbom.subject() != null) metadata.set("component", component(sbom.subject(), "application"));
    var components = root.putArray("components");
    var refs = new LinkedHashSet<String>();
    for (var c : sbom.components()) {
      components.add(component(c, c.type() == null ? "library" : c.type()));
      if (c.bomRef() != null) refs.add(c.bomRef());
    }
    if (sbom.subject() != null && sbom.subject().bomRef() != null) refs.add(sbom.subject().bomRef());
    var dependencies = root.putArray("dependencies");
    sbom.dependencies().forEach((ref, targets) -> {
      // The schema requires every reference to name a bom-ref of this BOM.
      if (!refs.contains(ref)) return;
      ArrayNode on = dependencies.addObject().put("ref", ref).putArray("dependsOn");
      targets.stream().filter(refs::contains).distinct().forEach(on::add);
    });
    return MAPPER.writeValueAsBytes(root);
  }

  private static ObjectNode component(Component c, String type) {
    var node = MAPPER.createObjectNode();
    node.put("type", type);
    if (c.bomRef() != null) node.put("bom-ref", c.bomRef());
    if (c.group() != null && !c.group().isBlank()) node.put("group", c.group());
    node.put("name", c.name());
    if (c.version() != null) node.put("version", c.version());
    if (!c.licenses().isEmpty()) {
      var licences = node.putArray("licenses");
      for (var l : c.licenses()) {
        // A compound SPDX expression cannot be a licence name; it is written as an expression.
        if (l.contains(" ")) licences.addObject().put("expression", l);
        else licences.addObject().putObject("license").put(l.matches("[A-Za-z0-9.+-]+") ? "id" : "name", l);
      }
    }
    if (c.cpe() != null) node.put("cpe", c.cpe());
    if (c.purl() != null) node.put("purl", c.purl());
    return node;
  }
}
