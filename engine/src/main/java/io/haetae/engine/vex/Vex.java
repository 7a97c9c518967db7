package io.haetae.engine.vex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VEX statements from any number of documents, applied to findings: a finding is suppressed
 * by a {@code not_affected} statement with a justification (or impact statement) that names
 * its advisory (id or alias) and its package (purl, version-less purl, or the whole product).
 *
 * <pre>{@code
 * Vex vex = Vex.of(VexReader.read(bytes, "vex.json"));
 * vex.suppression("GHSA-...", List.of("CVE-2022-42889"), "pkg:maven/org.apache.commons/commons-text@1.9")
 * }</pre>
 */
public record Vex(List<VexStatement> statements) {

  private static final Pattern QUALIFIERS_AND_SUBPATH = Pattern.compile("[?#].*$");

  public Vex {
    statements = List.copyOf(statements);
  }

  public static Vex of(List<VexStatement> statements) {
    return new Vex(statements);
  }

  public static Vex empty() {
    return new Vex(List.of());
  }

  /** The statement suppressing this finding, if one does. */
  public Optional<VexStatement> suppression(String advisoryId, List<String> aliases, String purl) {
    var ids = new ArrayList<String>();
    ids.add(advisoryId.toUpperCase(Locale.ROOT));
    aliases.forEach(a -> ids.add(a.toUpperCase(Locale.ROOT)));
    return statements.stream().filter(VexStatement::suppresses)
        .filter(s -> ids.contains(s.vulnerability().toUpperCase(Locale.ROOT)))
        .filter(s -> s.products().isEmpty() || s.products().stream().anyMatch(p -> samePackage(p, purl)))
        .findFirst();
  }

  /** Qualifiers and subpath do not change the package; a product without version covers every version. */
  static boolean samePackage(String product, String purl) {
    if (purl == null) return false;
    var a = strip(product);
    var b = strip(purl);
    return a.equals(b) || (!a.contains("@") && b.startsWith(a + "@"));
  }

  private static String strip(String purl) {
    return QUALIFIERS_AND_SUBPATH.matcher(purl).replaceFirst("").toLowerCase(Locale.ROOT);
  }
}
