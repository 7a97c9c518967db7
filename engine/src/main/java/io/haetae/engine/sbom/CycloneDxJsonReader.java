package io.haetae.engine.sbom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CycloneDX JSON, spec 1.2 to 1.6 (JSON exists since 1.2), validating it against the
 * schema of the {@code specVersion} it declares before mapping it.
 *
 * <pre>{@code
 * Sbom sbom = new CycloneDxJsonReader().read(bytes, "bom.json");
 * }</pre>
 */
public final class CycloneDxJsonReader implements SbomReader {

  private static final Pattern BOM_FORMAT = Pattern.compile("\"bomFormat\"\\s*:\\s*\"CycloneDX\"");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  /** cyclonedx-core-java and its schema validator work on Jackson 2 trees. */
  private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON2 =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();
  /** Builds its ObjectMapper (modules, deserialisers) in the constructor: one, shared, read-only. */
  private static final JsonParser PARSER = new JsonParser();

  @Override
  public boolean canRead(byte[] content) {
    try {
      var text = SbomText.decode(content, "");
      return SbomText.firstSignificant(text) == '{' && BOM_FORMAT.matcher(text).find();
    } catch (SbomException e) {
      return false;
    }
  }

  @Override
  public Sbom read(byte[] content, String source) throws SbomException {
    // The library and the schema validator expect UTF-8 without a byte-order mark.
    var utf8 = SbomText.decode(content, source).getBytes(StandardCharsets.UTF_8);
    var version = declaredVersion(tree(utf8, source), source);
    reportInvalid(validate(version, utf8), source);
    try {
      return CycloneDxMapper.toSbom(PARSER.parse(utf8), version.getVersionString(), source);
    } catch (ParseException e) {
      throw new SbomException(source, null, "unreadable CycloneDX JSON: " + e.getMessage());
    }
  }

  private static JsonNode tree(byte[] utf8, String source) throws SbomException {
    try {
      return MAPPER.readTree(utf8);
    } catch (JacksonException e) {
      var at = e.getLocation();
      var where = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SbomException(source, where, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static Version declaredVersion(JsonNode tree, String source) throws SbomException {
    if (tree == null || !tree.isObject()) throw new SbomException(source, null, "not a JSON object");
    var format = tree.path("bomFormat");
    if (!format.isString() || !format.stringValue().equals("CycloneDX")) {
      throw new SbomException(source, "/bomFormat", "not a CycloneDX BOM (expected \"CycloneDX\")");
    }
    var spec = tree.path("specVersion");
    var version = spec.isString() ? CycloneDxVersions.json(spec.stringValue()) : null;
    if (version == null) {
      throw new SbomException(source, "/specVersion",
          "unsupported CycloneDX version " + spec + " (supported: " + CycloneDxVersions.JSON_RANGE + ")");
    }
    return version;
  }

  /**
   * Validates with the library's schema for the version, calling it directly rather than
   * through {@code JsonParser.validate}, which drops where each error is (a JSON pointer
   * such as {@code /components/3/type}).
   * {@code $schema} is left out: it is an editor hint, and the strict 1.2/1.3 schemas the
   * library uses pin it to one spelling ("bom-1.2a") while real producers, CycloneDX's own
   * laravel example included, write "bom-1.2b" or "bom-1.3".
   */
  private static List<String> validate(Version version, byte[] utf8) {
    try {
      var node = JACKSON2.readTree(utf8);
      if (node instanceof ObjectNode object) object.remove("$schema");
      return schema(version).validate(node).stream()
          .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the CycloneDX " + version.getVersionString() + " schema", e);
    }
  }

  private static Schema schema(Version version) throws IOException {
    var cached = SCHEMAS.get(version);
    if (cached != null) return cached;
    var schema = PARSER.getJsonSchema(version, JACKSON2);
    SCHEMAS.put(version, schema);
    return schema;
  }

  private static void reportInvalid(List<String> errors, String source) throws SbomException {
    if (errors.isEmpty()) return;
    throw new SbomException(source, null, "invalid CycloneDX: " + CycloneDxVersions.summarise(errors));
  }
}
