package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * pip's {@code requirements*.txt}: only pinned lines ({@code name==version}, extras and
 * environment markers allowed) pin a package; ranges, editable installs and options pin
 * nothing and are skipped. pip-compile's {@code # via} comments say what is direct
 * ({@code # via -r requirements.in}); without them the file does not say.
 */
final class PipRequirements implements LockfileReader {

  private static final Pattern PINNED =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(\\[[^]]*])?\\s*===?\\s*([^\\s;\\\\#]+).*");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  /** PEP 503's normalised project name, the form purls hold. */
  static String normalise(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean reads(Path file) {
    var name = file.getFileName().toString();
    return name.startsWith("requirements") && name.endsWith(".txt");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var direct = new ArrayList<String>();
    boolean hasVia = false;
    String last = null;
    for (var raw : lines) {
      var line = raw.strip();
      if (line.startsWith("# via") || (last != null && line.startsWith("#   -r"))) {
        hasVia = true;
        if (last != null && line.contains("-r ")) direct.add(last);
        continue;
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("-") || raw.startsWith(" ")) continue;
      last = null;
      var m = PINNED.matcher(line);
      if (!m.matches()) continue;
      // PEP 503: the purl holds the normalised name.
      var name = normalise(m.group(1));
      var purl = Purls.of("pypi", null, name, m.group(3));
      pinned.putIfAbsent(purl, new PinnedPackage(purl, null, name, m.group(3), List.of()));
      last = purl;
    }
    return new Lockfile(file, null, null, List.copyOf(pinned.values()), hasVia ? direct : null);
  }
}
