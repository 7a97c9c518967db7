package io.haetae.engine.sbom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Repairs two faults of real producers that change nothing the BOM means, so that the XSD can
 * judge the rest. cyclonedx-npm 1.x (Dependency-Track issue 2519's BOM) writes
 * {@code <properties>} after {@code <components>}, and lists some packages twice, identical,
 * bom-ref included. Repair: component children go into the XSD's sequence order, and a
 * component repeated (same bom-ref, group, name, version, purl up to its qualifiers) is kept once, as
 * is its dependency entry when it lists the same edges. A bom-ref shared by different components (the spec's
 * invalid-component-ref test) is not repaired; two different dependency entries for one ref are
 * both kept. Only the reader's second try uses this, after
 * the document as sent failed the XSD; anything still invalid afterwards is refused.
 */
final class CycloneDxXmlRepair {

  /** The 1.6 sequence; every earlier version's sequence is a subsequence of it. */
  private static final List<String> COMPONENT_ORDER = List.of("supplier", "manufacturer", "authors", "author",
      "publisher", "group", "name", "version", "description", "scope", "hashes", "licenses", "copyright", "cpe",
      "purl", "omniborId", "swhid", "swid", "modified", "pedigree", "externalReferences", "properties",
      "components", "evidence", "releaseNotes", "modelCard", "data", "cryptoProperties", "tags");

  private CycloneDxXmlRepair() {}

  /** The repaired document; the caller has already refused DOCTYPEs. */
  static byte[] repair(byte[] content, String namespace) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
      var components = document.getElementsByTagNameNS(namespace, "component");
      for (int i = 0; i < components.getLength(); i++) sortChildren((Element) components.item(i), namespace);
      dropRepeated(elements(document.getElementsByTagNameNS(namespace, "component")), "bom-ref", namespace);
      dropRepeated(elements(document.getElementsByTagNameNS(namespace, "dependency")), "ref", namespace);
      var out = new ByteArrayOutputStream(content.length);
      var transformers = TransformerFactory.newInstance();
      transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      transformers.newTransformer().transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (ParserConfigurationException | SAXException | IOException | TransformerException e) {
      // The document already parsed once; failing here is a JDK fault, not bad input.
      throw new IllegalStateException("reordering a well-formed CycloneDX XML failed", e);
    }
  }

  private static List<Element> elements(NodeList nodes) {
    var out = new ArrayList<Element>(nodes.getLength());
    for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
    return out;
  }

  /** Removes later elements whose key attribute and identity equal an earlier one's. */
  private static void dropRepeated(List<Element> elements, String keyAttribute, String namespace) {
    var seen = new HashMap<String, Element>();
    for (var e : elements) {
      var key = e.getAttribute(keyAttribute);
      if (key.isEmpty() || e.getParentNode() == null) continue;
      // A dependency's identity is its place: only top-level entries are declarations.
      if (keyAttribute.equals("ref") && !"dependencies".equals(e.getParentNode().getLocalName())) continue;
      var first = seen.putIfAbsent(key, e);
      // A component nested in its own twin is a cycle, not a repeat (spec test invalid-component-ref).
      if (first != null && identity(first, namespace).equals(identity(e, namespace)) && !contains(first, e)) {
        e.getParentNode().removeChild(e);
      }
    }
  }

  private static boolean contains(Node ancestor, Node node) {
    for (Node n = node.getParentNode(); n != null; n = n.getParentNode()) if (n == ancestor) return true;
    return false;
  }

  private static String identity(Element e, String namespace) {
    if (e.getLocalName().equals("dependency")) return dependencyIdentity(e, namespace);
    var sb = new StringBuilder();
    for (var field : List.of("group", "name", "version", "purl")) {
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element child && namespace.equals(child.getNamespaceURI()) && field.equals(child.getLocalName())) {
          // Qualifiers (vcs_url, ...) describe where it came from, not which package it is.
          sb.append(child.getTextContent().strip().replaceFirst("[?#].*", ""));
        }
      }
      sb.append('|');
    }
    return sb.toString();
  }

  /**
   * A dependency entry's ref and the sorted refs of its children ({@code <dependency ref>},
   * {@code <provides ref>}): the entry carries no text, so two entries for one ref are the same
   * only if they list the same edges. Different ones both stay: the XSD has no uniqueness rule
   * for dependency refs, so the document reads as one sent that way would, every edge kept.
   */
  private static String dependencyIdentity(Element dependency, String namespace) {
    var children = new ArrayList<String>();
    for (Node n = dependency.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && namespace.equals(child.getNamespaceURI())) {
        children.add(child.getLocalName() + "=" + child.getAttribute("ref"));
      }
    }
    children.sort(Comparator.naturalOrder());
    return dependency.getAttribute("ref") + "|" + String.join("|", children);
  }

  private static void sortChildren(Element component, String namespace) {
    var children = new ArrayList<Element>();
    for (Node n = component.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) children.add(e);
    }
    // Extension elements (other namespaces) belong at the end, where the XSD's xs:any sits.
    children.sort(Comparator.comparingInt(e -> {
      int at = namespace.equals(e.getNamespaceURI()) ? COMPONENT_ORDER.indexOf(e.getLocalName()) : -1;
      return at < 0 ? COMPONENT_ORDER.size() : at;
    }));
    for (var child : children) component.appendChild(child);
  }
}
