package io.haetae.bench;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.advisory.AffectedPackage;
import io.haetae.engine.advisory.OsvSource;
import io.haetae.engine.version.Ecosystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Real package versions for synthetic SBOMs: every (package, version) an OSV corpus lists as
 * affected, as purls. SBOMs drawn from it look like real inventories that need patching, so
 * the matcher does real work instead of missing every lookup.
 */
final class ComponentPool {

  private static final Set<Ecosystem> SUPPORTED =
      Set.of(Ecosystem.PYPI, Ecosystem.NPM, Ecosystem.MAVEN, Ecosystem.GO, Ecosystem.CRATES_IO);

  private ComponentPool() {}

  static List<String> from(Path corpus, OsvSource source) {
    var purls = new LinkedHashSet<String>();
    try (var entries = source.read(corpus)) {
      entries.forEach(e -> {
        if (e instanceof OsvSource.Accepted a) {
          for (AffectedPackage p : a.advisory().affected()) {
            // A few versions per package: enough variety without flooding the pool with one project.
            p.versions().stream().skip(Math.max(0, p.versions().size() - 3))
                .forEach(v -> purl(p, v).ifPresent(purls::add));
          }
        }
      });
    }
    return new ArrayList<>(purls);
  }

  private static Optional<String> purl(AffectedPackage p, String version) {
    var eco = Ecosystem.fromOsv(p.ecosystem()).filter(SUPPORTED::contains);
    if (eco.isEmpty() || p.name() == null) return Optional.empty();
    String name = p.name();
    String namespace = null;
    int cut = eco.get() == Ecosystem.MAVEN ? name.indexOf(':') : name.lastIndexOf('/');
    if (cut > 0 && eco.get() != Ecosystem.PYPI && eco.get() != Ecosystem.CRATES_IO) {
      namespace = name.substring(0, cut);
      name = name.substring(cut + 1);
    }
    try {
      return Optional.of(new PackageURL(eco.get().purlType(), namespace, name, version, null, null).canonicalize());
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
  }
}
