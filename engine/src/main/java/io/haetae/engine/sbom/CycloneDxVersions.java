package io.haetae.engine.sbom;

import java.util.List;
import org.cyclonedx.Format;
import org.cyclonedx.Version;

/** The CycloneDX versions cyclonedx-core-java 12.2.0 validates, per format (no 1.7 yet). */
final class CycloneDxVersions {

  static final String JSON_RANGE = "1.2 to 1.6";
  static final String XML_RANGE = "1.0 to 1.6";
  private static final int MAX_MESSAGES = 5;

  private CycloneDxVersions() {}

  static Version json(String specVersion) {
    return of(specVersion, Format.JSON);
  }

  static Version xml(String specVersion) {
    return of(specVersion, Format.XML);
  }

  private static Version of(String specVersion, Format format) {
    for (var version : Version.values()) {
      if (version.getVersionString().equals(specVersion) && version.getFormats().contains(format)) {
        return version;
      }
    }
    return null;
  }

  /** The first few validation messages; a broken BOM can yield thousands. */
  static String summarise(List<String> messages) {
    var shown = String.join("; ", messages.subList(0, Math.min(MAX_MESSAGES, messages.size())));
    return messages.size() > MAX_MESSAGES ? shown + " (and " + (messages.size() - MAX_MESSAGES) + " more)" : shown;
  }
}
