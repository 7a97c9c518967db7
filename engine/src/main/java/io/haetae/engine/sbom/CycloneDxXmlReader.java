package io.haetae.engine.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads CycloneDX XML, spec 1.0 to 1.6, validating it against the XSD of the namespace it
 * declares before mapping it.
 *
 * <pre>{@code
 * Sbom sbom = new CycloneDxXmlReader().read(bytes, "bom.xml");
 * }</pre>
 *
 * A document with a DOCTYPE is refused before the library sees it. cyclonedx-core-java
 * hardens only its namespace sniffing (no external DTDs there); its XSD validator and Jackson
 * XML parse are not configured by it, and CycloneDX never needs a DTD, so refusing every
 * DOCTYPE closes XXE and entity-expansion attacks whatever those layers do.
 */
public final class CycloneDxXmlReader implements SbomReader {

  private static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";

  @Override
  public boolean canRead(byte[] content) {
    try {
      var text = SbomText.decode(content, "");
      return SbomText.firstSignificant(text) == '<' && text.contains(NAMESPACE_PREFIX);
    } catch (SbomException e) {
      return false;
    }
  }

  @Override
  public Sbom read(byte[] content, String source) throws SbomException {
    var namespace = rootNamespace(content, source);
    var version = declaredVersion(namespace, source);
    var parser = new CachedSchemaParser();
    var errors = validate(parser, content, version);
    if (!errors.isEmpty() && repairable(errors)) {
      var reordered = CycloneDxXmlRepair.repair(content, namespace);
      if (validate(parser, reordered, version).isEmpty()) {
        content = reordered;
        errors = List.of();
      }
    }
    reportInvalid(errors, source);
    try {
      return CycloneDxMapper.toSbom(parser.parse(content), version.getVersionString(), source);
    } catch (ParseException e) {
      throw new SbomException(source, null, "unreadable CycloneDX XML: " + e.getMessage());
    }
  }

  /** Parses the whole document safely (well-formed, no DOCTYPE) and returns the root's namespace. */
  private static String rootNamespace(byte[] content, String source) throws SbomException {
    var root = new RootElement();
    try {
      safeParserFactory().newSAXParser().parse(new ByteArrayInputStream(content), root);
    } catch (SAXParseException e) {
      var reason = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
          ? "DOCTYPE declarations are not allowed (external entities could read local files)"
          : "malformed XML: " + e.getMessage();
      throw new SbomException(source, location(e), reason);
    } catch (SAXException e) {
      throw new SbomException(source, null, "malformed XML: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser cannot be configured", e);
    }
    if (!"bom".equals(root.localName)) {
      throw new SbomException(source, "line 1", "not a CycloneDX BOM (root element is not <bom>)");
    }
    return root.namespace;
  }

  private static SAXParserFactory safeParserFactory() {
    try {
      var factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
  }

  private static Version declaredVersion(String namespace, String source) throws SbomException {
    var version = namespace != null && namespace.startsWith(NAMESPACE_PREFIX)
        ? CycloneDxVersions.xml(namespace.substring(NAMESPACE_PREFIX.length())) : null;
    if (version == null) {
      throw new SbomException(source, "/bom/@xmlns", "unsupported CycloneDX namespace '" + namespace
          + "' (supported: " + CycloneDxVersions.XML_RANGE + ")");
    }
    return version;
  }

  /**
   * cyclonedx-core-java compiles the XSD (and the SPDX and JSF schemas it imports) on every
   * validation, which cost about 180 ms a document; a compiled {@link Schema} is immutable and
   * thread-safe, so one per version serves every upload (each validation still gets its own
   * Validator from it).
   */
  private static final class CachedSchemaParser extends XmlParser {
    private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    public Schema getXmlSchema(Version version) throws SAXException {
      Schema schema = SCHEMAS.get(version);
      if (schema != null) return schema;
      schema = super.getXmlSchema(version);
      Schema raced = SCHEMAS.putIfAbsent(version, schema);
      return raced != null ? raced : schema;
    }
  }

  private static List<ParseException> validate(XmlParser parser, byte[] content, Version version) {
    try {
      return parser.validate(content, version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the CycloneDX " + version.getVersionString() + " XSD", e);
    }
  }

  /** Whether every error may be a producer fault {@link CycloneDxXmlRepair} mends: order, repeats. */
  private static boolean repairable(List<ParseException> errors) {
    return errors.stream().allMatch(e -> e.getMessage() != null
        && (e.getMessage().contains("cvc-complex-type.2.4.a") || e.getMessage().contains("cvc-identity-constraint.4.1")));
  }

  private static void reportInvalid(List<ParseException> errors, String source) throws SbomException {
    if (errors.isEmpty()) return;
    var first = errors.getFirst().getCause() instanceof SAXParseException e ? location(e) : null;
    throw new SbomException(source, first, "invalid CycloneDX: " + CycloneDxVersions.summarise(
        errors.stream().map(Exception::getMessage).toList()));
  }

  private static String location(SAXParseException e) {
    return e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() : null;
  }

  /** Remembers the root element; the rest of the parse only checks well-formedness. */
  private static final class RootElement extends DefaultHandler {
    String namespace;
    String localName;

    @Override
    public void startElement(String uri, String local, String qualified, Attributes attributes) {
      if (localName == null) {
        namespace = uri;
        localName = local;
      }
    }
  }
}
