package io.haetae.engine.vex;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes statements as a CycloneDX 1.6 VEX document: the analysed project as
 * {@code metadata.component}, one component per product purl, one vulnerability per statement
 * with its analysis and the products it affects. {@link VexReader} reads it back as the same
 * statements.
 */
public final class VexWriter {

  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private VexWriter() {}

  public static byte[] cycloneDx(String project, List<VexStatement> statements) {
    var root = MAPPER.createObjectNode();
    root.put("bomFormat", "CycloneDX").put("specVersion", "1.6").put("serialNumber", "urn:uuid:" + UUID.randomUUID())
        .put("version", 1);
    var metadata = root.putObject("metadata");
    metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.putObject("component").put("type", "application").put("bom-ref", "project").put("name", project);
    var purls = new LinkedHashSet<String>();
    statements.forEach(s -> purls.addAll(s.products()));
    var components = root.putArray("components");
    purls.forEach(p -> components.addObject().put("type", "library").put("bom-ref", p).put("name", name(p)).put("purl", p));
    var vulnerabilities = root.putArray("vulnerabilities");
    for (var s : statements) {
      var v = vulnerabilities.addObject().put("id", s.vulnerability());
      var analysis = v.putObject("analysis").put("state", state(s.status()));
      if (s.justification() != null) analysis.put("justification", s.justification());
      if (s.detail() != null) analysis.put("detail", s.detail());
      var affects = v.putArray("affects");
      if (s.products().isEmpty()) affects.addObject().put("ref", "project");
      s.products().forEach(p -> affects.addObject().put("ref", p));
    }
    return MAPPER.writeValueAsBytes(root);
  }

  private static String name(String purl) {
    var path = purl.replaceFirst("[@?#].*$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String state(VexStatement.Status status) {
    return switch (status) {
      case NOT_AFFECTED -> "not_affected";
      case AFFECTED -> "exploitable";
      case FIXED -> "resolved";
      case UNDER_INVESTIGATION -> "in_triage";
    };
  }
}
