package io.haetae.engine.match;

/** What one advisory says about one installed version. */
public sealed interface Verdict {

  /** Affected; {@code fixedVersion} is the smallest version above the installed one that is not affected, or null when none is known. */
  record Affected(String fixedVersion) implements Verdict {}

  record NotAffected() implements Verdict {}

  /**
   * Cannot be decided by version: only GIT ranges, or a version the scheme rejects. Shown to
   * the user as such, never silently treated as not affected.
   */
  record Undecidable(String reason) implements Verdict {}
}
