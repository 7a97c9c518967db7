package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Debian and Ubuntu's {@code var/lib/dpkg/status}: every package whose status is
 * {@code install ok installed} (removed packages that left config files are not installed).
 * Purls follow the purl spec's deb type: {@code pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12},
 * with {@code upstream} naming the source package when it differs. Depends become edges.
 */
final class DpkgStatus implements LockfileReader {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /** Where a package name in a Depends alternative ends: a space, a version "(", an arch ":". */
  private static final Pattern NAME_END = Pattern.compile("[\\s(:]");

  @Override
  public boolean reads(Path file) {
    return file.toString().replace('\\', '/').endsWith("var/lib/dpkg/status");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var release = OsRelease.of(OsRelease.rootAbove(file, 4), "debian");
    var installed = new LinkedHashMap<String, Map<String, String>>();
    for (var p : ControlParagraphs.parse(new String(content, StandardCharsets.UTF_8))) {
      if (!p.fields().getOrDefault("Status", "").endsWith(" installed")) continue;
      for (var required : List.of("Package", "Version")) {
        if (!p.fields().containsKey(required)) {
          throw new SbomException(file.toString(), "line " + p.line(), "installed package has no " + required + " field");
        }
      }
      installed.put(p.fields().get("Package"), p.fields());
    }
    Map<String, String> purls = new HashMap<>();
    installed.forEach((name, f) -> purls.put(name, purl(f, release)));
    var pinned = new ArrayList<PinnedPackage>();
    installed.forEach((name, f) -> pinned.add(new PinnedPackage(purls.get(name), null, name, f.get("Version"),
        depends(f.get("Depends"), purls))));
    return new Lockfile(file, null, null, pinned, null);
  }

  private static String purl(Map<String, String> f, OsRelease release) {
    var qualifiers = new HashMap<String, String>();
    if (f.containsKey("Architecture")) qualifiers.put("arch", f.get("Architecture"));
    if (release.distro() != null) qualifiers.put("distro", release.distro());
    var source = f.get("Source");
    if (source != null) {
      // "Source: gcc-12 (12.2.0-14)": the source package, and its version when it differs.
      var name = WHITESPACE.split(source)[0];
      if (!name.equals(f.get("Package"))) qualifiers.put("upstream", name);
    }
    return Purls.of("deb", release.id(), f.get("Package"), f.get("Version"), qualifiers);
  }

  /** "libc6 (>= 2.34), libgcc-s1 | libgcc1": installed alternatives only, versions dropped. */
  private static List<String> depends(String depends, Map<String, String> purls) {
    if (depends == null) return List.of();
    var out = new ArrayList<String>();
    for (var clause : depends.split(",")) {
      for (var alternative : clause.split("\\|")) {
        var name = NAME_END.split(alternative.strip())[0];
        if (purls.containsKey(name)) {
          out.add(purls.get(name));
          break;
        }
      }
    }
    return out;
  }
}
