package io.haetae.engine.vex;

import io.haetae.engine.sbom.SbomException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads VEX: OpenVEX (0.0.x and 0.2.x, {@code statements}) and CycloneDX VEX ({@code
 * vulnerabilities} with {@code analysis} and {@code affects}). CycloneDX {@code affects} refs
 * resolve to the purls of the document's components; a ref to {@code metadata.component}, or one
 * that names nothing in the document, means the whole product.
 *
 * <pre>{@code
 * List<VexStatement> statements = VexReader.read(Files.readAllBytes(path), "vex.json");
 * }</pre>
 */
public final class VexReader {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private VexReader() {}

  public static List<VexStatement> read(byte[] content, String source) throws SbomException {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new SbomException(source, at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
          "malformed JSON: " + e.getOriginalMessage());
    }
    if (root != null && root.has("statements") && root.path("@context").asString("").contains("openvex")) {
      return openVex(root, source);
    }
    if (root != null && "CycloneDX".equals(root.path("bomFormat").asString(null))) return cycloneDx(root, source);
    throw new SbomException(source, null, "neither OpenVEX (@context openvex, statements) nor CycloneDX VEX");
  }

  private static List<VexStatement> openVex(JsonNode root, String source) throws SbomException {
    var out = new ArrayList<VexStatement>();
    int i = 0;
    for (var s : root.path("statements")) {
      var at = "/statements/" + i++;
      var vulnerability = s.path("vulnerability");
      // 0.0.x writes the id as a string, 0.2 as {"name": ...}.
      var id = vulnerability.isString() ? vulnerability.asString() : vulnerability.path("name").asString(null);
      if (id == null) throw new SbomException(source, at + "/vulnerability", "names no vulnerability");
      var products = new ArrayList<String>();
      for (var p : s.path("products")) {
        var product = p.isString() ? p.asString() : p.path("@id").asString(null);
        if (product != null) products.add(product);
        for (var sub : p.path("subcomponents")) {
          if (sub.path("@id").isString()) products.add(sub.path("@id").asString());
        }
      }
      out.add(new VexStatement(id, products, openVexStatus(s.path("status").asString(""), source, at),
          s.path("justification").asString(null), s.path("impact_statement").asString(null)));
    }
    return out;
  }

  private static VexStatement.Status openVexStatus(String status, String source, String at) throws SbomException {
    return switch (status) {
      case "not_affected" -> VexStatement.Status.NOT_AFFECTED;
      case "affected" -> VexStatement.Status.AFFECTED;
      case "fixed" -> VexStatement.Status.FIXED;
      case "under_investigation" -> VexStatement.Status.UNDER_INVESTIGATION;
      default -> throw new SbomException(source, at + "/status", "unknown status '" + status + "'");
    };
  }

  private static List<VexStatement> cycloneDx(JsonNode root, String source) throws SbomException {
    Map<String, String> purlByRef = new HashMap<>();
    collect(root.path("components"), purlByRef);
    var out = new ArrayList<VexStatement>();
    int i = 0;
    for (var v : root.path("vulnerabilities")) {
      var at = "/vulnerabilities/" + i++;
      var id = v.path("id").asString(null);
      if (id == null) throw new SbomException(source, at + "/id", "missing");
      var analysis = v.path("analysis");
      var products = new ArrayList<String>();
      boolean wholeProduct = false;
      for (var a : v.path("affects")) {
        var ref = a.path("ref").asString("");
        if (purlByRef.containsKey(ref)) products.add(purlByRef.get(ref));
        else if (ref.startsWith("pkg:")) products.add(ref);
        else if (!ref.isEmpty()) wholeProduct = true;
      }
      if (wholeProduct) products.clear();
      out.add(new VexStatement(id, products, cycloneDxStatus(analysis.path("state").asString(""), source, at),
          analysis.path("justification").asString(null), analysis.path("detail").asString(null)));
    }
    return out;
  }

  private static void collect(JsonNode components, Map<String, String> purlByRef) {
    for (var c : components) {
      var ref = c.path("bom-ref").asString(null);
      var purl = c.path("purl").asString(null);
      if (ref != null && purl != null) purlByRef.put(ref, purl);
      collect(c.path("components"), purlByRef);
    }
  }

  /** CycloneDX's impact analysis states mapped onto VEX's four. */
  private static VexStatement.Status cycloneDxStatus(String state, String source, String at) throws SbomException {
    return switch (state) {
      case "not_affected", "false_positive" -> VexStatement.Status.NOT_AFFECTED;
      case "exploitable" -> VexStatement.Status.AFFECTED;
      case "resolved", "resolved_with_pedigree" -> VexStatement.Status.FIXED;
      case "in_triage", "" -> VexStatement.Status.UNDER_INVESTIGATION;
      default -> throw new SbomException(source, at + "/analysis/state", "unknown state '" + state + "'");
    };
  }
}
