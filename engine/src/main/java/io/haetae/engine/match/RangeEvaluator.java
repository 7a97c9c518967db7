package io.haetae.engine.match;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an installed package version is affected by an advisory, following the OSV
 * schema's evaluation algorithm: events sorted by version, {@code introduced} opens,
 * {@code fixed} closes at the version, {@code last_affected} closes after it, {@code limit}
 * bounds the range; {@code versions} lists count as affected on their own. {@code ECOSYSTEM}
 * ranges compare with the ecosystem's scheme, {@code SEMVER} ranges with SemVer 2.0 whatever
 * the ecosystem (as the OSV schema defines them); {@code GIT} ranges cannot be evaluated by
 * version and make the verdict {@link Verdict.Undecidable} unless another range or list decides.
 *
 * <pre>{@code
 * Verdict v = RangeEvaluator.evaluate(advisory, InstalledPackage.fromPurl("pkg:npm/lodash@4.17.15").orElseThrow());
 * }</pre>
 */
public final class RangeEvaluator {

  private RangeEvaluator() {}

  public static Verdict evaluate(Advisory advisory, InstalledPackage installed) {
    return evaluate(advisory, installed, VersionCache.shared());
  }

  /** As above, parsing through {@code cache}. */
  static Verdict evaluate(Advisory advisory, InstalledPackage installed, VersionCache cache) {
    return evaluate(advisory, installed, Subject.of(installed, cache));
  }

  /**
   * As above, with the installed version already wrapped: {@link AdvisoryIndex} parses a
   * component's version once for all the advisories of its package.
   */
  static Verdict evaluate(Advisory advisory, InstalledPackage installed, Subject subject) {
    return evaluate(relevantEntries(advisory, installed), subject);
  }

  /**
   * As above, for the entries of one advisory that name the installed package's key, as
   * {@link AdvisoryIndex} groups them once per advisory: only the distribution release is left to check.
   */
  static Verdict evaluateSameKey(List<AffectedPackage> sameKey, InstalledPackage installed, Subject subject) {
    if (installed.release() == null) return evaluate(sameKey, subject);
    var entries = new ArrayList<AffectedPackage>(sameKey.size());
    for (AffectedPackage entry : sameKey) {
      if (sameRelease(Ecosystem.releaseOf(entry.ecosystem()), installed.release())) entries.add(entry);
    }
    return evaluate(entries, subject);
  }

  private static Verdict evaluate(List<AffectedPackage> entries, Subject subject) {
    if (entries.isEmpty()) return new Verdict.NotAffected();
    subject.startEvaluation();
    String undecidable = null;
    boolean affected = false;
    for (AffectedPackage entry : entries) {
      Outcome outcome = evaluate(entry, subject);
      affected |= outcome == Outcome.AFFECTED;
      if (outcome == Outcome.UNDECIDABLE && undecidable == null) undecidable = reasonFor(entry, subject);
    }
    if (affected) return new Verdict.Affected(smallestFix(entries, subject));
    return undecidable != null ? new Verdict.Undecidable(undecidable) : new Verdict.NotAffected();
  }

  private enum Outcome { AFFECTED, NOT_AFFECTED, UNDECIDABLE }

  /**
   * A version as text, parsed at most once per scheme it is compared in: the ecosystem's, and
   * SemVer for SEMVER ranges. A parse failure is kept, so the reason reaches the user; it is
   * reported only for an evaluation that asked for that scheme, as if the subject were new.
   */
  static final class Subject {
    final String text;
    final VersionScheme ecosystem;
    final VersionCache cache;
    private Version ecosystemVersion;
    private Version semverVersion;
    private InvalidVersionException ecosystemError;
    private InvalidVersionException semverError;
    private boolean askedEcosystem;
    private boolean askedSemver;

    Subject(String text, VersionScheme ecosystem, VersionCache cache) {
      this.text = text;
      this.ecosystem = ecosystem;
      this.cache = cache;
    }

    static Subject of(InstalledPackage installed, VersionCache cache) {
      return new Subject(installed.version(), installed.key().ecosystem().scheme(), cache);
    }

    /** Forgets which schemes were asked for, not what was parsed: one advisory's reasons are its own. */
    void startEvaluation() {
      askedEcosystem = false;
      askedSemver = false;
    }

    Version in(VersionScheme scheme) throws InvalidVersionException {
      boolean semver = scheme != ecosystem;
      if (semver) askedSemver = true;
      else askedEcosystem = true;
      if (semver ? semverVersion == null && semverError == null : ecosystemVersion == null && ecosystemError == null) {
        try {
          Version v = cache.parse(scheme, text);
          if (semver) semverVersion = v;
          else ecosystemVersion = v;
        } catch (InvalidVersionException e) {
          if (semver) semverError = e;
          else ecosystemError = e;
        }
      }
      InvalidVersionException error = semver ? semverError : ecosystemError;
      if (error != null) throw error;
      return semver ? semverVersion : ecosystemVersion;
    }

    InvalidVersionException firstError() {
      if (askedEcosystem && ecosystemError != null) return ecosystemError;
      return askedSemver ? semverError : null;
    }
  }

  static List<AffectedPackage> relevantEntries(Advisory advisory, InstalledPackage installed) {
    var out = new ArrayList<AffectedPackage>();
    for (AffectedPackage entry : advisory.affected()) {
      if (entry.ecosystem() == null || entry.name() == null || entry.name().isBlank()) continue;
      var eco = Ecosystem.fromOsv(entry.ecosystem());
      if (eco.isEmpty() || eco.get() != installed.key().ecosystem()) continue;
      if (!eco.get().normalizeName(entry.name()).equals(installed.key().name())) continue;
      if (!sameRelease(Ecosystem.releaseOf(entry.ecosystem()), installed.release())) continue;
      out.add(entry);
    }
    return out;
  }

  /** A release on only one side matches: an SBOM often does not say which distribution release. */
  static boolean sameRelease(String advisoryRelease, String installedRelease) {
    if (advisoryRelease == null || installedRelease == null) return true;
    String a = advisoryRelease.toLowerCase(Locale.ROOT).replaceFirst("^v", "");
    String b = installedRelease.toLowerCase(Locale.ROOT).replaceFirst("^v", "");
    return a.equals(b) || a.startsWith(b + ":");
  }

  /** The scheme a range's versions are written in: SemVer 2.0 for SEMVER ranges (OSV schema), else the ecosystem's. */
  static VersionScheme schemeFor(AffectedRange range, VersionScheme ecosystem) {
    return range.type() == AffectedRange.RangeType.SEMVER ? VersionScheme.semver() : ecosystem;
  }

  private static Outcome evaluate(AffectedPackage entry, Subject subject) {
    if (!entry.versions().isEmpty() && listed(entry, subject)) return Outcome.AFFECTED;
    boolean decidable = !entry.versions().isEmpty();
    boolean undecidable = false;
    for (AffectedRange range : entry.ranges()) {
      if (range.type() == AffectedRange.RangeType.GIT) continue;
      decidable = true;
      VersionScheme scheme = schemeFor(range, subject.ecosystem);
      Version installed;
      try {
        installed = subject.in(scheme);
      } catch (InvalidVersionException e) {
        undecidable = true;
        continue;
      }
      try {
        if (inRange(range, scheme, installed, subject.cache)) return Outcome.AFFECTED;
      } catch (InvalidVersionException e) {
        if (!atOrAboveFinalFix(range, scheme, installed, subject.cache)) undecidable = true;
      }
    }
    if (undecidable) return Outcome.UNDECIDABLE;
    // Only GIT ranges: commits cannot be compared with a version, so never "not affected".
    if (!decidable && !entry.ranges().isEmpty()) return Outcome.UNDECIDABLE;
    return Outcome.NOT_AFFECTED;
  }

  /**
   * Whether the entry's {@code versions} list names the installed version: as text, or as a
   * version equal in the ecosystem's order ("1.0" and "1.0.0" in PyPI). The parseable ones are
   * searched sorted; the installed version is parsed only when one of them parses.
   */
  private static boolean listed(AffectedPackage entry, Subject subject) {
    Version[] sorted = subject.cache.listed(subject.ecosystem, entry.versions());
    if (sorted.length > 0) {
      try {
        if (java.util.Arrays.binarySearch(sorted, subject.in(subject.ecosystem)) >= 0) return true;
        // A listed text equal to a parseable installed version parses too, so it was searched.
        return false;
      } catch (InvalidVersionException e) {
        // Not parseable: only the same text matches.
      }
    }
    return entry.versions().contains(subject.text);
  }

  /** The OSV schema's algorithm, on events sorted by version ("0" sorts first; sorted once, see {@link VersionCache#sorted}). */
  static boolean inRange(AffectedRange range, VersionScheme scheme, Version v, VersionCache cache)
      throws InvalidVersionException {
    List<VersionCache.Event> events = cache.sorted(scheme, range);
    boolean affected = false;
    for (VersionCache.Event e : events) {
      switch (e.event()) {
        case RangeEvent.Introduced i -> {
          if (e.version() == null || v.compareTo(e.version()) >= 0) affected = true;
        }
        case RangeEvent.Fixed f -> {
          if (v.compareTo(e.version()) >= 0) affected = false;
        }
        case RangeEvent.LastAffected l -> {
          if (v.compareTo(e.version()) > 0) affected = false;
        }
        case RangeEvent.Limit l -> {
          if (v.compareTo(e.version()) >= 0) return false;
        }
      }
    }
    return affected;
  }

  /**
   * A range with a bound that cannot be parsed still decides "not affected" for a version at or
   * above its final {@code fixed}: the greatest parseable event of the range, listed after every
   * unparseable one. Nothing listed after it can reopen the range, so the unparseable bound
   * (typically an {@code introduced} such as CVE 5's "1.x") does not matter. A fix listed before
   * an unparseable event proves nothing: that event might open a later interval.
   */
  static boolean atOrAboveFinalFix(AffectedRange range, VersionScheme scheme, Version installed, VersionCache cache) {
    Version greatest = null;
    boolean greatestIsFix = false;
    int lastUnparseable = -1;
    int greatestAt = -1;
    List<RangeEvent> events = range.events();
    for (int i = 0; i < events.size(); i++) {
      RangeEvent e = events.get(i);
      if (e instanceof RangeEvent.Introduced && "0".equals(e.version())) continue;
      Version v;
      try {
        v = cache.parse(scheme, e.version());
      } catch (InvalidVersionException unparseable) {
        lastUnparseable = i;
        continue;
      }
      if (greatest == null || v.compareTo(greatest) > 0 || (v.compareTo(greatest) == 0 && e instanceof RangeEvent.Fixed)) {
        greatest = v;
        greatestIsFix = e instanceof RangeEvent.Fixed;
        greatestAt = i;
      }
    }
    return greatestIsFix && greatestAt > lastUnparseable && installed.compareTo(greatest) >= 0;
  }

  /**
   * The smallest {@code fixed} version above the installed one that no range or list of the
   * advisory still affects; candidates are ordered in the ecosystem's scheme where it parses
   * them, else in SemVer.
   */
  private static String smallestFix(List<AffectedPackage> entries, Subject installed) {
    List<Subject> candidates = new ArrayList<>();
    for (AffectedPackage entry : entries) {
      for (AffectedRange range : entry.ranges()) {
        if (range.type() == AffectedRange.RangeType.GIT) continue;
        VersionScheme scheme = schemeFor(range, installed.ecosystem);
        for (RangeEvent e : range.events()) {
          if (!(e instanceof RangeEvent.Fixed)) continue;
          Subject fixed = new Subject(e.version(), installed.ecosystem, installed.cache);
          try {
            if (fixed.in(scheme).compareTo(installed.in(scheme)) > 0) candidates.add(fixed);
          } catch (InvalidVersionException ignored) {
            // An unparseable fix cannot be recommended; the others still can.
          }
        }
      }
    }
    candidates.sort(candidateOrder(candidates));
    for (Subject candidate : candidates) {
      boolean stillAffected = false;
      for (AffectedPackage entry : entries) {
        if (evaluate(entry, candidate) == Outcome.AFFECTED) stillAffected = true;
      }
      if (!stillAffected) return candidate.text;
    }
    return null;
  }

  /** One order for all candidates: the ecosystem's if it parses them all, else SemVer's, else text. */
  private static Comparator<Subject> candidateOrder(List<Subject> candidates) {
    for (VersionScheme scheme : new VersionScheme[] {candidates.isEmpty() ? null : candidates.get(0).ecosystem, VersionScheme.semver()}) {
      if (scheme == null) break;
      boolean all = true;
      for (Subject c : candidates) {
        try {
          c.in(scheme);
        } catch (InvalidVersionException e) {
          all = false;
        }
      }
      if (all) {
        return (a, b) -> {
          try {
            return a.in(scheme).compareTo(b.in(scheme));
          } catch (InvalidVersionException e) {
            throw new IllegalStateException("parsed above", e);
          }
        };
      }
    }
    return Comparator.comparing(c -> c.text);
  }

  private static String reasonFor(AffectedPackage entry, Subject subject) {
    boolean gitOnly = !entry.ranges().isEmpty()
        && entry.ranges().stream().allMatch(r -> r.type() == AffectedRange.RangeType.GIT);
    if (gitOnly) {
      return "the advisory gives only commit (GIT) ranges for " + entry.name() + "; cannot evaluate by version";
    }
    InvalidVersionException installedError = subject.firstError();
    if (installedError != null) {
      return "installed version '" + subject.text + "' cannot be compared: " + installedError.getMessage();
    }
    return "a version in the advisory's ranges for " + entry.name() + " cannot be compared";
  }
}
