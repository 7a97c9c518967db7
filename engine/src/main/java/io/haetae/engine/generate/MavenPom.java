package io.haetae.engine.generate;

import io.haetae.engine.sbom.SbomException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A Maven {@code pom.xml} read on its own: the {@code <dependencies>} it declares with a
 * version, {@code ${...}} resolved from its {@code <properties>}, {@code project.*} and
 * {@code parent.*}. Every declared dependency is direct; nothing transitive is known without
 * resolving the repository, which a generator run offline cannot. A dependency without a
 * version (managed by a parent or BOM), with a range, or with a property the pom does not
 * define pins nothing and is left out; one on the project's own groupId and version is a
 * sibling module. Test, provided and system scopes are kept: they are pinned too.
 * No DOCTYPE is accepted (no external entities, no entity expansion).
 */
final class MavenPom implements LockfileReader {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  private static final int MAX_PROPERTY_DEPTH = 10;

  @Override
  public boolean reads(Path file) {
    // Jars and target/classes carry a copy under META-INF/maven: the project, read twice.
    return file.getFileName().toString().equals("pom.xml") && !file.toString().contains("META-INF");
  }

  @Override
  public Lockfile read(Path file, byte[] content) throws SbomException {
    var project = parse(file, content);
    var parent = child(project, "parent");
    var properties = properties(project, parent);
    var groupId = properties.get("project.groupId");
    var version = properties.get("project.version");
    var pinned = new LinkedHashMap<String, PinnedPackage>();
    var dependencies = children(child(project, "dependencies"), "dependency");
    for (int i = 0; i < dependencies.size(); i++) {
      var d = dependencies.get(i);
      var where = "dependencies/dependency[" + (i + 1) + "]";
      var g = resolve(text(d, "groupId"), properties, file, where);
      var a = resolve(text(d, "artifactId"), properties, file, where);
      var v = resolve(text(d, "version"), properties, file, where);
      if (g == null || a == null) throw new SbomException(file.toString(), where, "has no groupId or artifactId");
      if (v == null || v.contains("${") || v.startsWith("[") || v.startsWith("(")) continue;
      if (g.equals(groupId) && v.equals(version)) continue;
      var purl = Purls.of("maven", g, a, v, qualifiers(d));
      pinned.putIfAbsent(purl, new PinnedPackage(purl, g, a, v, List.of()));
    }
    return new Lockfile(file, properties.get("project.artifactId"), version, List.copyOf(pinned.values()),
        List.copyOf(pinned.keySet()));
  }

  /** {@code type} (when not jar) and {@code classifier}, as the purl spec's maven qualifiers. */
  private static Map<String, String> qualifiers(Element dependency) {
    var out = new HashMap<String, String>();
    var classifier = text(dependency, "classifier");
    var type = text(dependency, "type");
    if (classifier != null) out.put("classifier", classifier);
    if (type != null && !type.equals("jar")) out.put("type", type);
    return out;
  }

  private static Map<String, String> properties(Element project, Element parent) {
    var out = new HashMap<String, String>();
    for (var p : children(child(project, "properties"), null)) out.put(p.getTagName(), p.getTextContent().strip());
    for (var field : List.of("groupId", "artifactId", "version")) {
      var value = text(project, field);
      if (value == null && !field.equals("artifactId")) value = text(parent, field);
      if (value != null) {
        out.put("project." + field, value);
        out.put("pom." + field, value);
      }
      if (text(parent, field) != null) out.put("project.parent." + field, text(parent, field));
    }
    return out;
  }

  /** Substitutes ${name} until none is left or the pom does not define it (then it stays). */
  private static String resolve(String value, Map<String, String> properties, Path file, String where)
      throws SbomException {
    if (value == null) return null;
    var current = value;
    for (int depth = 0; current.contains("${"); depth++) {
      if (depth == MAX_PROPERTY_DEPTH) {
        throw new SbomException(file.toString(), where, "properties nest too deep or refer to themselves: " + value);
      }
      var m = PROPERTY.matcher(current);
      var out = new StringBuilder();
      while (m.find()) {
        var replacement = properties.getOrDefault(m.group(1), m.group());
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      if (out.toString().equals(current)) break;
      current = out.toString();
    }
    return current;
  }

  private static Element parse(Path file, byte[] content) throws SbomException {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler());
      var root = builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
      if (!root.getTagName().equals("project")) {
        throw new SbomException(file.toString(), "/" + root.getTagName(), "not a Maven POM (root is not <project>)");
      }
      return root;
    } catch (SAXParseException e) {
      throw new SbomException(file.toString(), "line " + e.getLineNumber(), "malformed XML: " + e.getMessage());
    } catch (SAXException | IOException e) {
      throw new SbomException(file.toString(), null, "malformed XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
  }

  private static Element child(Element parent, String name) {
    var found = children(parent, name);
    return found.isEmpty() ? null : found.getFirst();
  }

  /** Direct child elements, all of them when {@code name} is null. */
  private static List<Element> children(Element parent, String name) {
    var out = new ArrayList<Element>();
    if (parent == null) return out;
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || e.getTagName().equals(name))) out.add(e);
    }
    return out;
  }

  private static String text(Element parent, String name) {
    var e = child(parent, name);
    if (e == null) return null;
    var value = e.getTextContent().strip();
    return value.isEmpty() ? null : value;
  }
}
