package io.haetae.engine.sbom;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link Sbom} as SPDX 2.3 JSON: the subject is the package the document DESCRIBES,
 * every component a package with its purl and CPE as external references, dependency edges as
 * DEPENDS_ON relationships. {@link SpdxJsonReader} validates and reads it back.
 *
 * <pre>{@code
 * byte[] json = new SpdxJsonWriter().write(sbom, "haetae");
 * }</pre>
 */
public final class SpdxJsonWriter {

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public byte[] write(Sbom sbom, String tool) {
    var name = sbom.subject() == null ? "sbom" : sbom.subject().name();
    var root = MAPPER.createObjectNode();
    root.put("spdxVersion", "SPDX-2.3").put("dataLicense", "CC0-1.0").put("SPDXID", "SPDXRef-DOCUMENT").put("name", name);
    root.put("documentNamespace", "https://spdx.org/spdxdocs/" + name.replaceAll("[^A-Za-z0-9.-]", "-") + "-" + UUID.randomUUID());
    var creation = root.putObject("creationInfo");
    creation.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    creation.putArray("creators").add("Tool: " + tool);
    var ids = new HashMap<String, String>();
    var packages = root.putArray("packages");
    var relationships = root.putArray("relationships");
    if (sbom.subject() != null) {
      packages.add(pkg(sbom.subject(), "SPDXRef-Subject", ids));
      relationships.addObject().put("spdxElementId", "SPDXRef-DOCUMENT").put("relationshipType", "DESCRIBES")
          .put("relatedSpdxElement", "SPDXRef-Subject");
    }
    int n = 0;
    for (var c : sbom.components()) packages.add(pkg(c, "SPDXRef-Package-" + n++, ids));
    sbom.dependencies().forEach((from, targets) -> targets.forEach(to -> {
      // SPDX relationships must name elements of the document.
      if (!ids.containsKey(from) || !ids.containsKey(to)) return;
      relationships.addObject().put("spdxElementId", ids.get(from)).put("relationshipType", "DEPENDS_ON")
          .put("relatedSpdxElement", ids.get(to));
    }));
    return MAPPER.writeValueAsBytes(root);
  }

  private static ObjectNode pkg(Component c, String id, java.util.Map<String, String> ids) {
    if (c.bomRef() != null) ids.putIfAbsent(c.bomRef(), id);
    var p = MAPPER.createObjectNode();
    p.put("SPDXID", id).put("name", c.name());
    if (c.version() != null) p.put("versionInfo", c.version());
    p.put("downloadLocation", "NOASSERTION").put("filesAnalyzed", false);
    // Only a simple licence id is sure to be a valid SPDX expression; anything else is not asserted.
    var licence = c.licenses().size() == 1 && c.licenses().getFirst().matches("[A-Za-z0-9.+-]+")
        ? c.licenses().getFirst() : "NOASSERTION";
    p.put("licenseDeclared", licence).put("copyrightText", "NOASSERTION");
    var refs = p.putArray("externalRefs");
    if (c.purl() != null) {
      refs.addObject().put("referenceCategory", "PACKAGE-MANAGER").put("referenceType", "purl")
          .put("referenceLocator", c.purl());
    }
    if (c.cpe() != null) {
      refs.addObject().put("referenceCategory", "SECURITY").put("referenceType", c.cpe().startsWith("cpe:2.3:")
          ? "cpe23Type" : "cpe22Type").put("referenceLocator", c.cpe());
    }
    if (refs.isEmpty()) p.remove("externalRefs");
    return p;
  }
}
