package io.haetae.engine.sbom;

/** Reads one SBOM format. One implementation per format (CycloneDX JSON, CycloneDX XML, ...). */
public interface SbomReader {

  /** Whether the content looks like this reader's format (cheap sniffing of the first bytes). */
  boolean canRead(byte[] content);

  /** Parses and validates; a bad file is a {@link SbomException} naming the source and field. */
  Sbom read(byte[] content, String source) throws SbomException;
}
