package io.haetae.engine.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SPDX 2.x tag-value ({@code Tag: value} lines, multi-line values in
 * {@code <text>...</text>}). A package runs from {@code PackageName:} to the next package or
 * file; required fields missing are refused naming the line the package starts on.
 *
 * <pre>{@code
 * Sbom sbom = new SpdxTagValueReader().read(bytes, "sbom.spdx");
 * }</pre>
 */
public final class SpdxTagValueReader implements SbomReader {

  private static final List<String> DOCUMENT_FIELDS =
      List.of("SPDXVersion", "DataLicense", "SPDXID", "DocumentName", "DocumentNamespace", "Creator", "Created");

  @Override
  public boolean canRead(byte[] content) {
    try {
      var text = SbomText.decode(content, "");
      int start = text.indexOf("SPDXVersion:");
      return start >= 0 && text.substring(0, start).lines().allMatch(l -> l.isBlank() || l.startsWith("#"));
    } catch (SbomException e) {
      return false;
    }
  }

  private record Field(int line, String tag, String value) {}

  @Override
  public Sbom read(byte[] content, String source) throws SbomException {
    var fields = fields(SbomText.decode(content, source), source);
    var header = new LinkedHashMap<String, Field>();
    SpdxDocument document = null;
    Map<String, Field> pkg = null;
    List<Field> pkgRefs = new ArrayList<>();
    for (var f : fields) {
      boolean endsPackage = f.tag().equals("PackageName") || f.tag().equals("FileName") || f.tag().equals("SnippetSPDXID")
          || f.tag().equals("LicenseID");
      if (endsPackage && pkg != null) {
        document.addPackage(component(pkg, pkgRefs, source));
        pkg = null;
      }
      if (document == null && (endsPackage || f.tag().equals("Relationship"))) document = document(header, source);
      if (f.tag().equals("PackageName")) {
        pkg = new LinkedHashMap<>();
        pkgRefs = new ArrayList<>();
      }
      if (pkg != null) {
        if (f.tag().equals("ExternalRef")) pkgRefs.add(f);
        else pkg.putIfAbsent(f.tag(), f);
      } else if (document == null) {
        header.putIfAbsent(f.tag(), f);
      }
      if (f.tag().equals("Relationship")) relate(document, f, source);
    }
    if (document == null) document = document(header, source);
    if (pkg != null) document.addPackage(component(pkg, pkgRefs, source));
    return document.toSbom();
  }

  private static SpdxDocument document(Map<String, Field> header, String source) throws SbomException {
    for (var required : DOCUMENT_FIELDS) {
      if (!header.containsKey(required)) throw new SbomException(source, required, "required document field is missing");
    }
    var version = header.get("SPDXVersion");
    if (!SpdxDocument.supported(version.value())) {
      throw new SbomException(source, "line " + version.line() + ", SPDXVersion",
          "unsupported SPDX version '" + version.value() + "' (supported: SPDX-2.0 to SPDX-2.3)");
    }
    return new SpdxDocument(version.value().substring("SPDX-".length()), header.get("DocumentNamespace").value());
  }

  private static void relate(SpdxDocument document, Field f, String source) throws SbomException {
    var parts = f.value().split("\\s+");
    if (parts.length != 3) {
      throw new SbomException(source, "line " + f.line() + ", Relationship", "expected 'ELEMENT TYPE ELEMENT'");
    }
    document.relate(parts[0], parts[1], parts[2]);
  }

  private static Component component(Map<String, Field> pkg, List<Field> refs, String source) throws SbomException {
    var name = pkg.get("PackageName");
    for (var required : List.of("SPDXID", "PackageDownloadLocation")) {
      if (!pkg.containsKey(required)) {
        throw new SbomException(source, "line " + name.line() + ", " + required,
            "package '" + name.value() + "' lacks this required field");
      }
    }
    String purl = null;
    String cpe = null;
    for (var ref : refs) {
      var parts = ref.value().split("\\s+", 3);
      if (parts.length < 3) {
        throw new SbomException(source, "line " + ref.line() + ", ExternalRef", "expected 'CATEGORY TYPE LOCATOR'");
      }
      if (parts[1].equals("purl") && purl == null) purl = parts[2].strip();
      if ((parts[1].equals("cpe23Type") || parts[1].equals("cpe22Type")) && cpe == null) cpe = parts[2].strip();
    }
    var licences = new ArrayList<String>();
    SpdxDocument.addLicence(licences, value(pkg, "PackageLicenseConcluded"));
    SpdxDocument.addLicence(licences, value(pkg, "PackageLicenseDeclared"));
    return new Component(pkg.get("SPDXID").value(), "library", null, name.value(), value(pkg, "PackageVersion"),
        purl, cpe, licences);
  }

  private static String value(Map<String, Field> fields, String tag) {
    var f = fields.get(tag);
    return f == null ? null : f.value();
  }

  /** Tag-value lines, {@code <text>} blocks joined; comments and blank lines skipped. */
  private static List<Field> fields(String text, String source) throws SbomException {
    var out = new ArrayList<Field>();
    var lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.isBlank() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0) throw new SbomException(source, "line " + (i + 1), "expected 'Tag: value'");
      var tag = line.substring(0, colon).strip();
      var value = line.substring(colon + 1).strip();
      int start = i;
      if (value.startsWith("<text>")) {
        var block = new StringBuilder(value);
        while (!block.toString().contains("</text>")) {
          if (++i >= lines.length) throw new SbomException(source, "line " + (start + 1), "<text> is never closed");
          block.append('\n').append(lines[i]);
        }
        value = block.substring("<text>".length(), block.indexOf("</text>"));
      }
      out.add(new Field(start + 1, tag, value));
    }
    return out;
  }
}
