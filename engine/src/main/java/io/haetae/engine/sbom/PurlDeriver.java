package io.haetae.engine.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.match.InstalledPackage;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The package-url to match a component by: the one the SBOM wrote, else one derived from name,
 * group and version where their shape says which ecosystem they belong to. Derivation is
 * conservative: a wrong purl would raise false alarms, so anything ambiguous stays unmatched
 * and is reported as such ({@link #unmatchedReason}).
 *
 * <pre>{@code
 * PurlDeriver.purlOf(new Component(null, "library", "org.apache.logging.log4j", "log4j-core", "2.14.1", null, null, List.of()))
 * // Optional[pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1]
 * }</pre>
 */
public final class PurlDeriver {

  /** A reverse-DNS Maven groupId: at least two dot-separated lower-case-led segments. */
  private static final Pattern MAVEN_GROUP = Pattern.compile("[a-zA-Z][\\w-]*(\\.[a-zA-Z_][\\w-]*)+");
  /** Go module paths start with a host name ("github.com/x/y", "golang.org/x/net"). */
  private static final Pattern GO_MODULE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+(/[^/\\s]+)+");
  private static final Pattern GO_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+.*");
  private static final Pattern NPM_SCOPE = Pattern.compile("@[a-z0-9][\\w.-]*");

  private PurlDeriver() {}

  /** The written purl if it parses, else a derived one, else empty. */
  public static Optional<String> purlOf(Component c) {
    if (c.purl() != null && !c.purl().isBlank()) return Optional.of(c.purl().strip());
    return derive(c);
  }

  /** A purl from name, group and version alone (the written purl is ignored). */
  public static Optional<String> derive(Component c) {
    String version = c.version() == null ? "" : c.version().strip();
    if (version.isEmpty()) return Optional.empty();
    String group = c.group() == null ? "" : c.group().strip();
    String name = c.name().strip();
    if (NPM_SCOPE.matcher(group).matches()) return build("npm", group, name, version);
    if (group.isEmpty() && name.startsWith("@") && name.indexOf('/') > 1) {
      int slash = name.indexOf('/');
      if (NPM_SCOPE.matcher(name.substring(0, slash)).matches()) {
        return build("npm", name.substring(0, slash), name.substring(slash + 1), version);
      }
    }
    if (group.isEmpty() && GO_MODULE.matcher(name).matches() && GO_VERSION.matcher(version).matches()) {
      int slash = name.lastIndexOf('/');
      return build("golang", name.substring(0, slash), name.substring(slash + 1), version);
    }
    if (MAVEN_GROUP.matcher(group).matches() && !name.contains("/")) return build("maven", group, name, version);
    return Optional.empty();
  }

  /** Why a component cannot be matched against advisories, or null when it can be. */
  public static String unmatchedReason(Component c) {
    var purl = purlOf(c);
    if (purl.isPresent()) {
      return InstalledPackage.fromPurl(purl.get()).isPresent() ? null
          : "its package-url (" + purl.get() + ") has no version or names no ecosystem with advisories";
    }
    if (c.cpe() != null && !c.cpe().isBlank()) return "only a CPE (" + c.cpe() + "); advisories are keyed by package";
    if (c.version() == null || c.version().isBlank()) return "no version";
    return "no package-url, and none can be derived from its name and group";
  }

  private static Optional<String> build(String type, String namespace, String name, String version) {
    try {
      return Optional.of(new PackageURL(type, namespace, name, version, null, null).canonicalize());
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
  }
}
