package io.haetae.engine.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The Public Suffix List (publicsuffix.org), ICANN and private sections, in its own file format.
 * A copy ships in the engine (Debian's {@code publicsuffix} package, see docs/decisions); a newer
 * file replaces it with {@link #load(Path)}. Rules are kept in ASCII (punycode) form, so lookups
 * work on the A-label form of a domain.
 */
public final class PublicSuffixList {

  private static final String BUNDLED = "public_suffix_list.dat";
  private static volatile PublicSuffixList bundled;

  private final Set<String> rules = new HashSet<>();
  private final Set<String> wildcards = new HashSet<>();
  private final Set<String> exceptions = new HashSet<>();

  private PublicSuffixList() {}

  /** The copy shipped in the engine. */
  public static PublicSuffixList bundled() {
    var list = bundled;
    if (list == null) {
      try (InputStream in = PublicSuffixList.class.getResourceAsStream(BUNDLED)) {
        if (in == null) throw new IllegalStateException("public suffix list missing from the engine jar");
        bundled = list = read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the bundled public suffix list", e);
      }
    }
    return list;
  }

  /** A refreshed list, e.g. a newer https://publicsuffix.org/list/public_suffix_list.dat. */
  public static PublicSuffixList load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  static PublicSuffixList read(InputStream in) throws IOException {
    var list = new PublicSuffixList();
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("//")) continue;
      int space = line.indexOf(' ');
      if (space > 0) line = line.substring(0, space);
      if (line.startsWith("!")) list.exceptions.add(DomainNames.toAscii(line.substring(1)));
      else if (line.startsWith("*.")) list.wildcards.add(DomainNames.toAscii(line.substring(2)));
      else list.rules.add(DomainNames.toAscii(line));
    }
    if (list.rules.size() < 100) throw new IOException("not a public suffix list: only " + list.rules.size() + " rules");
    return list;
  }

  /**
   * Where the public suffix of {@code ascii} (lower-case A-labels, no trailing dot) starts.
   * Unlisted top-level labels count as suffixes (the list's implicit {@code *} rule).
   */
  public int suffixStart(String ascii) {
    int start = 0;
    while (true) {
      int dot = ascii.indexOf('.', start);
      String candidate = start == 0 ? ascii : ascii.substring(start);
      if (exceptions.contains(candidate)) return dot < 0 ? start : dot + 1;
      if (rules.contains(candidate)) return start;
      if (dot < 0) return start; // implicit "*"
      if (wildcards.contains(ascii.substring(dot + 1))) return start;
      start = dot + 1;
    }
  }

  /** The registrable domain's start, or -1 when {@code ascii} is itself a public suffix. */
  public int registrableStart(String ascii) {
    int suffix = suffixStart(ascii);
    if (suffix == 0) return -1;
    int dot = ascii.lastIndexOf('.', suffix - 2);
    return dot + 1;
  }

  public int size() {
    return rules.size() + wildcards.size() + exceptions.size();
  }
}
