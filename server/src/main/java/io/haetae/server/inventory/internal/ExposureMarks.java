package io.haetae.server.inventory.internal;

import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an SBOM marks its project internet-facing (docs/deadlines.md): a CycloneDX JSON
 * document's {@code metadata.properties} or {@code metadata.component.properties} entry named
 * {@code haetae:internet-facing} ("true"/"false"), or the tag {@code internet-facing} among
 * {@code metadata.component.tags} (CycloneDX 1.6). Empty when the document says nothing, so an
 * upload never undoes a mark set through the project API. Only {@code metadata} is read (streamed),
 * however large the document.
 */
public final class ExposureMarks {

  public static final String PROPERTY = "haetae:internet-facing";
  public static final String TAG = "internet-facing";

  // Only the metadata value is read off the stream: what follows it is not trailing garbage.
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private ExposureMarks() {}

  public static Optional<Boolean> internetFacing(byte[] content) {
    int i = 0;
    while (i < content.length && Character.isWhitespace(content[i])) i++;
    if (i >= content.length || content[i] != '{') return Optional.empty();
    try (JsonParser p = JSON.createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("metadata")) return of(JSON.readTree(p));
        p.skipChildren();
      }
    } catch (JacksonException e) {
      // The SBOM reader has accepted it; an odd metadata block just marks nothing.
      org.slf4j.LoggerFactory.getLogger(ExposureMarks.class).atDebug().addKeyValue("error", e.getOriginalMessage())
          .log("SBOM metadata not read for the internet-facing mark");
    }
    return Optional.empty();
  }

  private static Optional<Boolean> of(JsonNode metadata) {
    for (JsonNode properties : new JsonNode[] {metadata.path("properties"), metadata.path("component").path("properties")}) {
      for (JsonNode p : properties) {
        if (PROPERTY.equals(p.path("name").asString(null))) {
          return Optional.of("true".equalsIgnoreCase(p.path("value").asString("").strip()));
        }
      }
    }
    for (JsonNode tag : metadata.path("component").path("tags")) {
      if (TAG.equals(tag.asString("").strip().toLowerCase(Locale.ROOT))) return Optional.of(true);
    }
    return Optional.empty();
  }
}
