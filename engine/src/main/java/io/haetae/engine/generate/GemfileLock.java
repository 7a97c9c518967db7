package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bundler's {@code Gemfile.lock}. Gems under a {@code GEM} source's {@code specs:} are pinned
 * ("name (version)" at four spaces, their dependencies at six); {@code GIT} and {@code PATH}
 * gems pin no registry version and are left out, and the {@code PATH} gem at {@code remote: .}
 * is the project. {@code DEPENDENCIES} lists the direct ones, as do the project's own
 * dependencies. A platform gem ({@code nokogiri (1.16.2-x86_64-linux)}) is one component per
 * version whatever the platforms: advisories name versions, not platforms.
 */
final class GemfileLock implements LockfileReader {

  private static final Pattern SPEC = Pattern.compile("^ {4}([^ (]+) \\(([^)]+)\\)$");
  private static final Pattern DEPENDENCY = Pattern.compile("^ {6}([^ (]+)(?: \\(.*\\))?$");
  private static final Pattern DIRECT = Pattern.compile("^ {2}([^ (!]+)!?(?: \\(.*\\))?$");

  /** One spec: source section ("GEM", "GIT", "PATH"), whether its remote is ".", and its dependency names. */
  private record Spec(String section, boolean local, String name, String version, List<String> dependencies) {}

  @Override
  public boolean reads(Path file) {
    return file.getFileName().toString().equals("Gemfile.lock");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
    var specs = specs(file, lines);
    var purlByName = new LinkedHashMap<String, String>();
    specs.stream().filter(s -> s.section().equals("GEM"))
        .forEach(s -> purlByName.putIfAbsent(s.name(), Purls.of("gem", null, s.name(), s.version())));
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var direct = new LinkedHashSet<String>();
    String project = null;
    String projectVersion = null;
    for (var s : specs) {
      var deps = resolve(s.dependencies(), purlByName);
      if (!s.section().equals("GEM")) {
        if (s.section().equals("PATH") && s.local() && project == null) {
          project = s.name();
          projectVersion = s.version();
          direct.addAll(deps);
        }
        continue;
      }
      var purl = purlByName.get(s.name());
      // Platform variants of one version: one component with all their dependencies.
      var all = new LinkedHashSet<String>(pinned.containsKey(purl) ? pinned.get(purl).dependsOn() : List.of());
      all.addAll(deps);
      pinned.put(purl, new PinnedPackage(purl, null, s.name(), s.version(), List.copyOf(all)));
    }
    direct.addAll(resolve(directNames(lines), purlByName));
    return new Lockfile(file, project, projectVersion, List.copyOf(pinned.values()), List.copyOf(direct));
  }

  private static List<String> resolve(List<String> names, Map<String, String> purlByName) {
    return names.stream().map(purlByName::get).filter(p -> p != null).distinct().toList();
  }

  /** Every spec of every GEM, GIT and PATH section, in file order. */
  private static List<Spec> specs(Path file, String[] lines) throws SbomException {
    var out = new ArrayList<Spec>();
    var section = "";
    boolean local = false;
    boolean inSpecs = false;
    List<String> dependencies = null;
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (!line.isEmpty() && !line.startsWith(" ")) {
        section = line.strip();
        local = false;
        inSpecs = false;
        dependencies = null;
        continue;
      }
      if (!(section.equals("GEM") || section.equals("GIT") || section.equals("PATH")) || line.isBlank()) continue;
      if (line.startsWith("  remote:")) local = line.substring(9).strip().equals(".");
      else if (line.equals("  specs:")) inSpecs = true;
      else if (inSpecs && line.startsWith("      ")) {
        var m = DEPENDENCY.matcher(line);
        if (!m.matches() || dependencies == null) throw bad(file, i, "not a dependency line: " + line.strip());
        dependencies.add(m.group(1));
      } else if (inSpecs) {
        var m = SPEC.matcher(line);
        if (!m.matches()) throw bad(file, i, "not a \"name (version)\" spec: " + line.strip());
        dependencies = new ArrayList<>();
        // A platform gem's version carries "-platform"; a gem version itself has no hyphen.
        var version = m.group(2).split("-", 2)[0];
        out.add(new Spec(section, local, m.group(1), version, dependencies));
      }
    }
    return out;
  }

  private static List<String> directNames(String[] lines) {
    var out = new ArrayList<String>();
    boolean inDependencies = false;
    for (var line : lines) {
      if (!line.isEmpty() && !line.startsWith(" ")) inDependencies = line.strip().equals("DEPENDENCIES");
      else if (inDependencies) {
        var m = DIRECT.matcher(line);
        if (m.matches()) out.add(m.group(1));
      }
    }
    return out;
  }

  private static SbomException bad(Path file, int index, String reason) {
    return new SbomException(file.toString(), "line " + (index + 1), reason);
  }
}
