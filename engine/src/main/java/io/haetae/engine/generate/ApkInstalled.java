package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Alpine's {@code lib/apk/db/installed}: one paragraph per installed package ({@code P:} name,
 * {@code V:} version, {@code A:} arch, {@code o:} origin, {@code D:} dependencies,
 * {@code p:} what it provides). Dependencies on a provided name ({@code so:libcrypto.so.3})
 * resolve to the package providing it.
 */
final class ApkInstalled implements LockfileReader {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /** Where a dependency's name ends and its version constraint begins. */
  private static final Pattern CONSTRAINT_START = Pattern.compile("[<>=~]");

  @Override
  public boolean reads(Path file) {
    return file.toString().replace('\\', '/').endsWith("lib/apk/db/installed");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var release = OsRelease.of(OsRelease.rootAbove(file, 4), "alpine");
    var paragraphs = ControlParagraphs.parse(new String(content, StandardCharsets.UTF_8));
    Map<String, String> providers = new HashMap<>();
    var purls = new ArrayList<String>();
    for (var p : paragraphs) {
      var f = p.fields();
      for (var required : List.of("P", "V")) {
        if (!f.containsKey(required)) throw new SbomException(file.toString(), "line " + p.line(), "package has no " + required + ": field");
      }
      var purl = purl(f, release);
      purls.add(purl);
      providers.put(f.get("P"), purl);
      for (var provided : WHITESPACE.split(f.getOrDefault("p", ""))) {
        if (!provided.isBlank()) providers.putIfAbsent(provided.split("=")[0], purl);
      }
    }
    var pinned = new ArrayList<PinnedPackage>();
    for (int i = 0; i < paragraphs.size(); i++) {
      var f = paragraphs.get(i).fields();
      var deps = new ArrayList<String>();
      for (var d : WHITESPACE.split(f.getOrDefault("D", ""))) {
        var target = providers.get(CONSTRAINT_START.split(d)[0]);
        if (target != null && !deps.contains(target) && !target.equals(purls.get(i))) deps.add(target);
      }
      pinned.add(new PinnedPackage(purls.get(i), null, f.get("P"), f.get("V"), deps));
    }
    return new Lockfile(file, null, null, pinned, null);
  }

  private static String purl(Map<String, String> f, OsRelease release) {
    var qualifiers = new HashMap<String, String>();
    if (f.containsKey("A")) qualifiers.put("arch", f.get("A"));
    if (release.distro() != null) qualifiers.put("distro", release.distro());
    if (f.containsKey("o") && !f.get("o").equals(f.get("P"))) qualifiers.put("upstream", f.get("o"));
    return Purls.of("apk", release.id(), f.get("P"), f.get("V"), qualifiers);
  }
}
