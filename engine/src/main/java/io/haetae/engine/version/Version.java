package io.haetae.engine.version;

/**
 * A parsed version of one {@link VersionScheme}. Only versions of the same scheme compare;
 * comparing across schemes is a bug and throws {@link ClassCastException}.
 */
public interface Version extends Comparable<Version> {

  /** The text this version was parsed from, unchanged. */
  String text();
}
