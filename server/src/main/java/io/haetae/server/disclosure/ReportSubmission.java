package io.haetae.server.disclosure;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.version.Ecosystem;
import io.haetae.server.identity.Tlp;
import io.haetae.server.web.BadInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A vulnerability report as a reporter submits it, checked: {@link #parse} refuses bad input
 * with a message naming the JSON pointer of the culprit, the way the rest of the API does. The
 * package is a purl or an ecosystem and name; {@code affectedVersions} is free text or OSV-like
 * ranges ({@code [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}]}). {@code cwe}
 * (the weakness, {@code CWE-787}) is taken from the text when the field is absent; {@code package.vendor}
 * names the product's vendor, whose organisation may then be invited to the case.
 */
public record ReportSubmission(String title, String description, String purl, String ecosystem, String packageName,
    JsonNode affectedVersions, String fixedVersion, String cvssVector, List<String> references, Tlp tlp, String cwe,
    String vendor) {

  private static final Set<String> RANGE_TYPES = Set.of("SEMVER", "ECOSYSTEM", "GIT");
  private static final Set<String> EVENTS = Set.of("introduced", "fixed", "last_affected", "limit");
  private static final Pattern CWE = Pattern.compile("CWE-[1-9][0-9]{0,5}");
  private static final Pattern CVSS = Pattern.compile("CVSS:(3\\.0|3\\.1|4\\.0)(/[A-Za-z]{1,3}:[A-Za-z])+");

  public ReportSubmission {
    references = List.copyOf(references);
  }

  /** The submission in {@code body}, or a {@link BadInputException} naming the field. */
  public static ReportSubmission parse(JsonNode body) {
    if (body == null || !body.isObject()) throw bad("", "must be a JSON object");
    String title = text(body, "/title", 500, true);
    String description = text(body, "/description", 20_000, true);
    JsonNode pkg = body.get("package");
    if (pkg == null || !pkg.isObject()) throw bad("/package", "must be an object with 'purl', or 'ecosystem' and 'name'");
    String purl = text(pkg, "/package/purl", 2048, false);
    String ecosystem;
    String name;
    if (purl != null) {
      PackageURL parsed = purl(purl);
      // A purl of a type OSV has no ecosystem for is still a fine report: it keeps the purl only.
      var eco = Ecosystem.fromPurl(parsed.getType(), parsed.getNamespace());
      ecosystem = eco.map(Ecosystem::osvName).orElse(null);
      name = eco.map(e -> InstalledPackage.nameOf(e, parsed)).orElse(parsed.getName());
    } else {
      ecosystem = ecosystem(text(pkg, "/package/ecosystem", 40, true));
      name = text(pkg, "/package/name", 1024, true);
    }
    JsonNode affected = affectedVersions(body.get("affectedVersions"));
    String fixed = text(body, "/fixedVersion", 255, false);
    String cvss = text(body, "/cvssVector", 255, false);
    if (cvss != null && !CVSS.matcher(cvss).matches()) throw bad("/cvssVector", "is not a CVSS 3.x or 4.0 vector (CVSS:3.1/AV:N/...)");
    String cwe = text(body, "/cwe", 20, false);
    if (cwe != null) {
      cwe = cwe.toUpperCase(java.util.Locale.ROOT);
      if (!CWE.matcher(cwe).matches()) throw bad("/cwe", "is not a CWE id (CWE-79)");
    } else {
      // A weakness named in the text counts when the reporter left the field out.
      var named = CWE.matcher(description.toUpperCase(java.util.Locale.ROOT));
      if (named.find()) cwe = named.group();
    }
    String vendor = text(pkg, "/package/vendor", 300, false);
    return new ReportSubmission(title, description, purl, ecosystem, name, affected, fixed, cvss,
        references(body.get("references")), tlp(body), cwe, vendor);
  }

  /** The string at {@code pointer} (one level below {@code node}), stripped; null when optional and absent. */
  private static String text(JsonNode node, String pointer, int max, boolean required) {
    JsonNode v = node.get(pointer.substring(pointer.lastIndexOf('/') + 1));
    if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
      if (required) throw bad(pointer, "is missing");
      return null;
    }
    if (!v.isString()) throw bad(pointer, "must be a string");
    String s = v.asString().strip();
    if (s.length() > max) throw bad(pointer, "is longer than " + max + " characters");
    return s;
  }

  private static PackageURL purl(String purl) {
    try {
      return new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      throw bad("/package/purl", "is not a valid package URL (pkg:type/namespace/name)");
    }
  }

  private static String ecosystem(String value) {
    return Ecosystem.fromOsv(value).map(Ecosystem::osvName)
        .orElseThrow(() -> bad("/package/ecosystem", "is not a known OSV ecosystem (npm, Maven, PyPI, ...)"));
  }

  /** Free text, or OSV-like ranges: each a type and a non-empty list of one-key events. */
  private static JsonNode affectedVersions(JsonNode v) {
    if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) throw bad("/affectedVersions", "is missing");
    if (v.isString()) {
      if (v.asString().length() > 2000) throw bad("/affectedVersions", "is longer than 2000 characters");
      return v;
    }
    if (!v.isArray() || v.isEmpty()) throw bad("/affectedVersions", "must be free text or a non-empty array of ranges");
    for (int i = 0; i < v.size(); i++) range(v.get(i), "/affectedVersions/" + i);
    return v;
  }

  private static void range(JsonNode range, String pointer) {
    if (!range.isObject()) throw bad(pointer, "must be an object with 'type' and 'events'");
    JsonNode type = range.get("type");
    if (type == null || !type.isString() || !RANGE_TYPES.contains(type.asString())) {
      throw bad(pointer + "/type", "must be one of " + RANGE_TYPES);
    }
    JsonNode events = range.get("events");
    if (events == null || !events.isArray() || events.isEmpty()) throw bad(pointer + "/events", "must be a non-empty array");
    for (int j = 0; j < events.size(); j++) {
      JsonNode event = events.get(j);
      boolean ok = event.isObject() && event.size() == 1 && EVENTS.contains(event.propertyNames().iterator().next())
          && event.iterator().next().isString();
      if (!ok) throw bad(pointer + "/events/" + j, "must be one of {\"introduced\"|\"fixed\"|\"last_affected\"|\"limit\": \"version\"}");
    }
  }

  private static List<String> references(JsonNode v) {
    if (v == null || v.isNull()) return List.of();
    if (!v.isArray()) throw bad("/references", "must be an array of URLs");
    if (v.size() > 50) throw bad("/references", "has more than 50 entries");
    var out = new ArrayList<String>();
    for (int i = 0; i < v.size(); i++) out.add(url(v.get(i), "/references/" + i));
    return out;
  }

  private static String url(JsonNode v, String pointer) {
    if (!v.isString() || v.asString().length() > 2048) throw bad(pointer, "must be an http(s) URL");
    try {
      URI uri = new URI(v.asString().strip());
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw bad(pointer, "must be an http(s) URL");
      }
      return uri.toString();
    } catch (java.net.URISyntaxException e) {
      throw bad(pointer, "must be an http(s) URL");
    }
  }

  /** Default TLP:AMBER+STRICT: a fresh report is for the national operators and the reporter's organisation. */
  private static Tlp tlp(JsonNode body) {
    String value = text(body, "/tlp", 20, false);
    if (value == null) return Tlp.AMBER_STRICT;
    try {
      return Tlp.parse(value);
    } catch (IllegalArgumentException e) {
      throw bad("/tlp", "must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED");
    }
  }

  private static BadInputException bad(String pointer, String problem) {
    return new BadInputException("'" + pointer + "' " + problem);
  }
}
