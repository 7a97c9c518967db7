package io.haetae.engine.sbom;

import java.util.List;
import java.util.Optional;

/**
 * Picks the reader for an uploaded SBOM by looking at its bytes (JSON or XML, any Unicode
 * encoding), so users need not say what they upload.
 *
 * <pre>{@code
 * Sbom sbom = SbomReaders.standard().read(bytes, "upload.cdx");
 * }</pre>
 */
public final class SbomReaders {

  private final List<SbomReader> readers;

  public SbomReaders(List<SbomReader> readers) {
    this.readers = List.copyOf(readers);
  }

  /** CycloneDX JSON and XML, SPDX 2.x JSON and tag-value. */
  public static SbomReaders standard() {
    return new SbomReaders(List.of(new CycloneDxJsonReader(), new CycloneDxXmlReader(), new SpdxJsonReader(),
        new SpdxTagValueReader()));
  }

  /** The first reader that recognises the content. */
  public Optional<SbomReader> readerFor(byte[] content) {
    return readers.stream().filter(reader -> reader.canRead(content)).findFirst();
  }

  /** Detects the format and reads; unknown formats are an {@link SbomException} too. */
  public Sbom read(byte[] content, String source) throws SbomException {
    var reader = readerFor(content);
    if (reader.isPresent()) return reader.get().read(content, source);
    throw new SbomException(source, null, describeUnknown(content, source));
  }

  private static String describeUnknown(byte[] content, String source) throws SbomException {
    var text = SbomText.decode(content, source);
    if (text.isBlank()) return "empty file";
    return switch (SbomText.firstSignificant(text)) {
      case '{', '[' -> text.contains("\"@context\"") && text.contains("spdx.org/rdf/3")
          ? "SPDX 3.0 JSON-LD is not supported yet; upload SPDX 2.3 or CycloneDX"
          : "JSON, but neither a CycloneDX BOM (no \"bomFormat\": \"CycloneDX\") nor SPDX (no \"spdxVersion\")";
      case '<' -> "XML, but not a CycloneDX BOM (no http://cyclonedx.org/schema/bom/ namespace)";
      default -> "neither JSON, XML nor SPDX tag-value";
    };
  }
}
