package io.haetae.engine.generate;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.TreeMap;

/** Builds canonical purls for the generators; a name no purl can hold is the caller's bad input. */
final class Purls {

  private Purls() {}

  static String of(String type, String namespace, String name, String version) {
    return of(type, namespace, name, version, null);
  }

  static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      var q = qualifiers == null || qualifiers.isEmpty() ? null : new TreeMap<>(qualifiers);
      return new PackageURL(type, namespace == null || namespace.isEmpty() ? null : namespace, name, version, q, null)
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("no purl for " + type + " " + namespace + "/" + name + "@" + version + ": "
          + e.getMessage(), e);
    }
  }
}
