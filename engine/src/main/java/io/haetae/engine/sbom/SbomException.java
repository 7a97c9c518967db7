package io.haetae.engine.sbom;

/**
 * An SBOM that cannot be read. The message is for the user as is, e.g.
 * {@code "bom.json, /components/3/version: expected a string"}.
 */
public final class SbomException extends Exception {

  public SbomException(String source, String location, String reason) {
    super(location == null || location.isBlank()
        ? source + ": " + reason
        : source + ", " + location + ": " + reason);
  }

  public SbomException(String message, Throwable cause) {
    super(message, cause);
  }
}
