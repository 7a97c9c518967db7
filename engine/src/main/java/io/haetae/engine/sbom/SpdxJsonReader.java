package io.haetae.engine.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads SPDX 2.2 and 2.3 JSON, validated against the official schema of the declared version
 * (bundled from spdx/spdx-spec), so a broken document is refused naming the JSON pointer.
 * Packages become components; purls and CPEs come from {@code externalRefs}.
 *
 * <pre>{@code
 * Sbom sbom = new SpdxJsonReader().read(bytes, "sbom.spdx.json");
 * }</pre>
 */
public final class SpdxJsonReader implements SbomReader {

  private static final Pattern SPDX_VERSION = Pattern.compile("\"spdxVersion\"\\s*:\\s*\"SPDX-");
  /** The schema validator works on Jackson 2 trees, so the document is read once, as one. */
  private static final ObjectMapper JACKSON2 = new ObjectMapper();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  @Override
  public boolean canRead(byte[] content) {
    try {
      var text = SbomText.decode(content, "");
      return SbomText.firstSignificant(text) == '{' && SPDX_VERSION.matcher(text).find();
    } catch (SbomException e) {
      return false;
    }
  }

  @Override
  public Sbom read(byte[] content, String source) throws SbomException {
    var tree = tree(SbomText.decode(content, source), source);
    var version = tree.path("spdxVersion").asText("");
    if (!version.equals("SPDX-2.2") && !version.equals("SPDX-2.3")) {
      throw new SbomException(source, "/spdxVersion", "unsupported SPDX version '" + version
          + "' (supported: SPDX-2.2, SPDX-2.3 in JSON)");
    }
    var errors = schema(version).validate(tree).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    if (!errors.isEmpty()) throw new SbomException(source, null, "invalid SPDX: " + CycloneDxVersions.summarise(errors));
    return map(tree, version.substring("SPDX-".length()));
  }

  private static JsonNode tree(String text, String source) throws SbomException {
    try {
      var node = JACKSON2.readTree(text);
      if (node == null || !node.isObject()) throw new SbomException(source, null, "not a JSON object");
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      var where = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SbomException(source, where, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static Schema schema(String version) {
    return SCHEMAS.computeIfAbsent(version, v -> {
      var resource = "/io/haetae/engine/sbom/spdx-schema-" + v.substring("SPDX-".length()) + ".json";
      try (var in = SpdxJsonReader.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("missing " + resource);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
            .getSchema(JACKSON2.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load " + resource, e);
      }
    });
  }

  private static Sbom map(JsonNode tree, String specVersion) {
    var document = new SpdxDocument(specVersion, tree.path("documentNamespace").asText(null));
    for (var p : tree.path("packages")) document.addPackage(component(p));
    for (var id : tree.path("documentDescribes")) document.describes(id.asText());
    for (var r : tree.path("relationships")) {
      document.relate(r.path("spdxElementId").asText(""), r.path("relationshipType").asText(""),
          r.path("relatedSpdxElement").asText(""));
    }
    return document.toSbom();
  }

  private static Component component(JsonNode p) {
    String purl = null;
    String cpe = null;
    for (var ref : p.path("externalRefs")) {
      var type = ref.path("referenceType").asText("");
      var locator = ref.path("referenceLocator").asText(null);
      if (type.equals("purl") && purl == null) purl = locator;
      if ((type.equals("cpe23Type") || type.equals("cpe22Type")) && cpe == null) cpe = locator;
    }
    var licences = new ArrayList<String>();
    SpdxDocument.addLicence(licences, p.path("licenseConcluded").asText(null));
    SpdxDocument.addLicence(licences, p.path("licenseDeclared").asText(null));
    return new Component(p.path("SPDXID").asText(), "library", null, p.path("name").asText(),
        p.path("versionInfo").asText(null), purl, cpe, licences);
  }
}
