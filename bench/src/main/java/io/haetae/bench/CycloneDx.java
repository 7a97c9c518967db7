package io.haetae.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A minimal valid CycloneDX 1.6 JSON document listing the given purls as libraries. */
final class CycloneDx {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CycloneDx() {}

  static byte[] bom(List<String> purls) {
    ObjectNode bom = JSON.createObjectNode().put("bomFormat", "CycloneDX").put("specVersion", "1.6").put("version", 1);
    ArrayNode components = bom.putArray("components");
    for (int i = 0; i < purls.size(); i++) {
      String purl = purls.get(i);
      String path = purl.substring(purl.indexOf('/') + 1, purl.lastIndexOf('@'));
      String name = path.substring(path.lastIndexOf('/') + 1);
      components.addObject().put("type", "library").put("bom-ref", "c" + i).put("name", name)
          .put("version", purl.substring(purl.lastIndexOf('@') + 1)).put("purl", purl);
    }
    return JSON.writeValueAsString(bom).getBytes(StandardCharsets.UTF_8);
  }
}
