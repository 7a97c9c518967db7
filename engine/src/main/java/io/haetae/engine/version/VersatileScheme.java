package io.haetae.engine.version;

import io.github.nscuro.versatile.VersionFactory;

/** A scheme backed by nscuro/versatile's implementation of the ecosystem's ordering. */
final class VersatileScheme implements VersionScheme {

  /** Longer inputs are not versions; refusing them early keeps hostile input cheap. */
  static final int MAX_LENGTH = 256;

  private final String versatileName;
  private final String name;
  private final int maxLength;

  VersatileScheme(String versatileName, String name) {
    this(versatileName, name, MAX_LENGTH);
  }

  /** A scheme refusing inputs longer than {@code maxLength} characters before versatile sees them. */
  VersatileScheme(String versatileName, String name, int maxLength) {
    this.versatileName = versatileName;
    this.name = name;
    this.maxLength = maxLength;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Version parse(String text) throws InvalidVersionException {
    if (text == null || text.isBlank()) throw new InvalidVersionException(text, "version is empty");
    if (text.length() > maxLength) {
      throw new InvalidVersionException(text, "version is longer than " + maxLength + " characters");
    }
    try {
      return new Parsed(text, VersionFactory.forScheme(versatileName, text));
    } catch (RuntimeException e) {
      throw new InvalidVersionException(text, "not a valid " + name + " version: " + e.getMessage());
    }
  }

  private record Parsed(String text, io.github.nscuro.versatile.spi.Version value) implements Version {
    @Override
    public int compareTo(Version other) {
      return value.compareTo(((Parsed) other).value);
    }
  }
}
