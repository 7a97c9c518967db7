package io.haetae.engine.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The line protocol behind {@code haetae version compare ECOSYSTEM}: each input line
 * {@code A<TAB>B} gives one output line, in order, {@code A<TAB>B<TAB>-1|0|1}, or
 * {@code A<TAB>B<TAB>error<TAB>reason} when the scheme rejects A or B; the run continues.
 *
 * <pre>{@code
 * // in: "1.0.0\t1.0.0-rc.1"   out: "1.0.0\t1.0.0-rc.1\t1"
 * CompareLines.run(Ecosystem.NPM, reader, writer);
 * }</pre>
 */
public final class CompareLines {

  private CompareLines() {}

  /**
   * The ecosystem an operator names, as OSV spells it ("Maven", "npm", "PyPI", "Go",
   * "crates.io", "NuGet", "RubyGems", "Packagist", "Debian", "Alpine", "RPM"...), ignoring case.
   */
  public static Optional<Ecosystem> ecosystemNamed(String name) {
    if (name == null) return Optional.empty();
    for (Ecosystem e : Ecosystem.values()) {
      if (e.osvName().equalsIgnoreCase(name.trim())) return Optional.of(e);
    }
    return Optional.empty();
  }

  /** The message for a name that {@link #ecosystemNamed} does not know, listing the known ones. */
  public static String unknownEcosystem(String name) {
    StringBuilder b = new StringBuilder("unknown ecosystem '").append(name).append("'; expected one of:");
    for (Ecosystem e : Ecosystem.values()) b.append(' ').append(e.osvName());
    return b.toString();
  }

  /** Compares every line of {@code in} and writes one result line per input line; returns the number of lines. */
  public static long run(Ecosystem ecosystem, BufferedReader in, PrintWriter out) throws IOException {
    VersionScheme scheme = ecosystem.scheme();
    long n = 0;
    String line;
    while ((line = in.readLine()) != null) {
      out.println(compareLine(scheme, line));
      n++;
    }
    out.flush();
    return n;
  }

  /** The output line for one input line. */
  static String compareLine(VersionScheme scheme, String line) {
    int tab = line.indexOf('\t');
    if (tab < 0) return line + "\t\terror\tline has no TAB between the two versions";
    String a = line.substring(0, tab);
    String b = line.substring(tab + 1);
    if (b.indexOf('\t') >= 0) return line + "\terror\tline has more than one TAB";
    Version va;
    Version vb;
    try {
      va = scheme.parse(a);
      vb = scheme.parse(b);
    } catch (InvalidVersionException e) {
      String which = e.version() != null && e.version().equals(a) ? "A" : "B";
      return a + "\t" + b + "\terror\t" + which + ": " + oneLine(e.getMessage());
    }
    return a + "\t" + b + "\t" + Integer.signum(va.compareTo(vb));
  }

  private static String oneLine(String s) {
    return s == null ? "rejected" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
