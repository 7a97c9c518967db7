package io.haetae.engine.sbom;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link Sbom} as CycloneDX 1.6 XML, the same content as {@link CycloneDxJsonWriter}
 * in the XSD's element order. What {@link CycloneDxXmlReader} reads back is the same {@link Sbom}.
 *
 * <pre>{@code
 * byte[] xml = new CycloneDxXmlWriter().write(sbom, "haetae");
 * }</pre>
 */
public final class CycloneDxXmlWriter {

  private static final String NAMESPACE = "http://cyclonedx.org/schema/bom/1.6";

  public byte[] write(Sbom sbom, String tool) {
    var out = new ByteArrayOutputStream();
    try {
      var xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("bom");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeAttribute("serialNumber", sbom.serialNumber() != null && sbom.serialNumber().startsWith("urn:uuid:")
          ? sbom.serialNumber() : "urn:uuid:" + UUID.randomUUID());
      xml.writeAttribute("version", "1");
      metadata(xml, sbom, tool);
      xml.writeStartElement("components");
      var refs = new LinkedHashSet<String>();
      for (var c : sbom.components()) {
        component(xml, c, c.type() == null ? "library" : c.type());
        if (c.bomRef() != null) refs.add(c.bomRef());
      }
      xml.writeEndElement();
      if (sbom.subject() != null && sbom.subject().bomRef() != null) refs.add(sbom.subject().bomRef());
      dependencies(xml, sbom, refs);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      // Writing to memory fails only on a JDK fault.
      throw new IllegalStateException("writing CycloneDX XML failed", e);
    }
    return out.toByteArray();
  }

  private static void metadata(XMLStreamWriter xml, Sbom sbom, String tool) throws XMLStreamException {
    xml.writeStartElement("metadata");
    element(xml, "timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    xml.writeStartElement("tools");
    xml.writeStartElement("components");
    xml.writeStartElement("component");
    xml.writeAttribute("type", "application");
    element(xml, "name", tool);
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndElement();
    if (sbom.subject() != null) component(xml, sbom.subject(), "application");
    xml.writeEndElement();
  }

  /** Children in the XSD's sequence: group, name, version, licenses, cpe, purl. */
  private static void component(XMLStreamWriter xml, Component c, String type) throws XMLStreamException {
    xml.writeStartElement("component");
    xml.writeAttribute("type", type);
    if (c.bomRef() != null) xml.writeAttribute("bom-ref", c.bomRef());
    if (c.group() != null && !c.group().isBlank()) element(xml, "group", c.group());
    element(xml, "name", c.name());
    if (c.version() != null) element(xml, "version", c.version());
    licenses(xml, c);
    if (c.cpe() != null) element(xml, "cpe", c.cpe());
    if (c.purl() != null) element(xml, "purl", c.purl());
    xml.writeEndElement();
  }

  /**
   * The XSD allows either licences or one expression: a lone compound SPDX expression is
   * written as the expression; otherwise each is an id (SPDX-shaped) or a name.
   */
  private static void licenses(XMLStreamWriter xml, Component c) throws XMLStreamException {
    if (c.licenses().isEmpty()) return;
    xml.writeStartElement("licenses");
    if (c.licenses().size() == 1 && c.licenses().getFirst().contains(" ")) {
      element(xml, "expression", c.licenses().getFirst());
    } else {
      for (var l : c.licenses()) {
        xml.writeStartElement("license");
        element(xml, l.matches("[A-Za-z0-9.+-]+") ? "id" : "name", l);
        xml.writeEndElement();
      }
    }
    xml.writeEndElement();
  }

  private static void dependencies(XMLStreamWriter xml, Sbom sbom, Set<String> refs) throws XMLStreamException {
    xml.writeStartElement("dependencies");
    for (var e : sbom.dependencies().entrySet()) {
      // The schema requires every reference to name a bom-ref of this BOM.
      if (!refs.contains(e.getKey())) continue;
      xml.writeStartElement("dependency");
      xml.writeAttribute("ref", e.getKey());
      for (var target : e.getValue().stream().filter(refs::contains).distinct().toList()) {
        xml.writeEmptyElement("dependency");
        xml.writeAttribute("ref", target);
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
