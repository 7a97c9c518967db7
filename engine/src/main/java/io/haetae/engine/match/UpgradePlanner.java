package io.haetae.engine.match;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.AffectedRange;
import io.haetae.engine.advisory.RangeEvent;
import io.haetae.engine.version.InvalidVersionException;
import io.haetae.engine.version.Version;
import io.haetae.engine.version.VersionScheme;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one upgrade to recommend for an installed package, given every advisory on that package:
 * the smallest version that no advisory affects, so a CISO reads one line per component instead
 * of one target per advisory.
 *
 * <p>Candidates are the {@code fixed} versions of the advisories' ranges above the installed
 * version. Each candidate is checked with {@link RangeEvaluator} against <em>all</em> advisories
 * (an upgrade must not walk into another advisory's range). Candidates on the installed version's
 * own branch (same major.minor, then same major) come first, then by version. A Maven-style
 * variant suffix of the installed version is kept: Guava {@code 30.1-jre} is offered
 * {@code 32.0.0-jre}, not the {@code 32.0.0-android} the advisory names. When no candidate
 * clears every advisory, the plan names the candidate that fixes most and lists what stays open.
 *
 * <pre>{@code
 * UpgradePlanner.Plan plan = UpgradePlanner.plan(
 *     InstalledPackage.fromPurl("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8").orElseThrow(), advisories);
 * plan.target();   // "2.12.7.1"
 * plan.fixes();    // ids of the advisories affecting 2.9.8 that the target fixes
 * }</pre>
 */
public final class UpgradePlanner {

  /**
   * The recommendation: {@code target} (null when no fixed version is known), the advisories
   * affecting the installed version that it {@code fixes}, and those it leaves {@code unfixed}.
   */
  public record Plan(InstalledPackage installed, String target, List<String> fixes, List<String> unfixed) {
    public Plan {
      fixes = List.copyOf(fixes);
      unfixed = List.copyOf(unfixed);
    }

    /** Whether the target fixes every advisory affecting the installed version. */
    public boolean fixesAll() {
      return target != null && unfixed.isEmpty();
    }
  }

  // "30.1-jre", "1.2.3-android": a release line's variant, not a pre-release.
  private static final Pattern VARIANT = Pattern.compile("^(\\d+(?:\\.\\d+)*)-([A-Za-z][A-Za-z0-9]*)$");
  private static final Pattern PLAIN = Pattern.compile("^(\\d+(?:\\.\\d+)*)(?:-([A-Za-z][A-Za-z0-9]*))?$");
  private static final Set<String> PRE_RELEASES = Set.of("alpha", "a", "beta", "b", "rc", "cr", "m", "milestone",
      "snapshot", "pre", "preview", "dev", "ea", "final", "ga", "release", "sp");

  private UpgradePlanner() {}

  /** The plan for {@code installed} against every advisory known for its package (others are ignored). */
  public static Plan plan(InstalledPackage installed, Collection<Advisory> advisories) {
    VersionScheme scheme = installed.key().ecosystem().scheme();
    Map<String, Advisory> relevant = new LinkedHashMap<>();
    List<String> affecting = new ArrayList<>();
    for (Advisory a : advisories) {
      if (RangeEvaluator.relevantEntries(a, installed).isEmpty() || relevant.containsKey(a.id())) continue;
      relevant.put(a.id(), a);
      if (RangeEvaluator.evaluate(a, installed) instanceof Verdict.Affected) affecting.add(a.id());
    }
    if (affecting.isEmpty()) return new Plan(installed, null, List.of(), List.of());
    Version current;
    try {
      current = scheme.parse(installed.version());
    } catch (InvalidVersionException e) {
      return new Plan(installed, null, List.of(), affecting);
    }
    String variant = variantOf(installed.version());
    var candidates = new LinkedHashMap<String, Version>();
    for (Advisory a : relevant.values()) {
      for (AffectedPackage entry : RangeEvaluator.relevantEntries(a, installed)) {
        for (AffectedRange range : entry.ranges()) {
          if (range.type() == AffectedRange.RangeType.GIT) continue;
          for (RangeEvent e : range.events()) {
            if (!(e instanceof RangeEvent.Fixed)) continue;
            String text = withVariant(e.version(), variant);
            try {
              Version v = scheme.parse(text);
              if (v.compareTo(current) > 0) candidates.putIfAbsent(text, v);
            } catch (InvalidVersionException ignored) {
              // A fix this scheme cannot read cannot be recommended; the others still can.
            }
          }
        }
      }
    }
    List<String> ordered = candidates.keySet().stream()
        .sorted(Comparator.comparingInt((String c) -> branchDistance(installed.version(), c))
            .thenComparing(candidates::get))
        .toList();
    String best = null;
    List<String> bestUnfixed = affecting;
    for (String candidate : ordered) {
      var probe = new InstalledPackage(installed.key(), candidate, installed.release());
      boolean clean = true;
      List<String> unfixed = new ArrayList<>();
      for (Advisory a : relevant.values()) {
        boolean stillAffected = !(RangeEvaluator.evaluate(a, probe) instanceof Verdict.NotAffected);
        if (stillAffected) {
          clean = false;
          if (affecting.contains(a.id())) unfixed.add(a.id());
        }
      }
      if (clean) return new Plan(installed, candidate, affecting, List.of());
      if (unfixed.size() < bestUnfixed.size()) {
        best = candidate;
        bestUnfixed = unfixed;
      }
    }
    if (best == null) return new Plan(installed, null, List.of(), affecting);
    var fixed = new ArrayList<>(affecting);
    fixed.removeAll(bestUnfixed);
    return new Plan(installed, best, fixed, bestUnfixed);
  }

  /** The variant suffix of a version ("jre" of "30.1-jre"), or null when it has none. */
  static String variantOf(String version) {
    var m = VARIANT.matcher(version);
    if (!m.matches()) return null;
    String suffix = m.group(2);
    return PRE_RELEASES.contains(suffix.toLowerCase(Locale.ROOT)) ? null : suffix;
  }

  /** A fixed version moved onto the installed variant: "32.0.0-android" becomes "32.0.0-jre". */
  static String withVariant(String fixed, String variant) {
    if (variant == null) return fixed;
    var m = PLAIN.matcher(fixed);
    if (!m.matches()) return fixed;
    String own = m.group(2);
    if (own != null && PRE_RELEASES.contains(own.toLowerCase(Locale.ROOT))) return fixed;
    return m.group(1) + "-" + variant;
  }

  /** 0: same major.minor as installed; 1: same major; 2: another line. */
  static int branchDistance(String installed, String candidate) {
    String[] a = numbers(installed);
    String[] b = numbers(candidate);
    if (a.length == 0 || b.length == 0 || !a[0].equals(b[0])) return 2;
    if (a.length > 1 && b.length > 1 && a[1].equals(b[1])) return 0;
    return 1;
  }

  private static String[] numbers(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int end = 0;
    while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) end++;
    String head = v.substring(0, end);
    return head.isEmpty() ? new String[0] : head.split("\\.");
  }
}
