package io.haetae.engine.version;

/** A string the scheme does not accept as a version; {@link #getMessage()} says why. */
public final class InvalidVersionException extends Exception {

  private final String version;

  public InvalidVersionException(String version, String reason) {
    super(reason);
    this.version = version;
  }

  /** Refuses a missing version, and one longer than {@code max}: a guard that keeps hostile input cheap. */
  static void requireBounded(String text, int max) throws InvalidVersionException {
    if (text == null) throw new InvalidVersionException(null, "version is missing");
    if (text.length() > max) throw new InvalidVersionException(text, "version is longer than " + max + " characters");
  }

  /** The rejected input, as given (possibly null). */
  public String version() {
    return version;
  }
}
