package io.haetae.engine.csaf;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import us.springett.cvss.Cvss;

/**
 * Checks a CSAF 2.0 document the way a trusted provider must before it publishes one
 * (https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html): the JSON schema, then the
 * mandatory tests of section 6.1 that can be decided from the document alone. An empty list
 * means valid.
 *
 * <pre>{@code
 * List<CsafProblem> problems = CsafValidator.validate(json);
 * // [test 6.1.2 at '/product_tree/full_product_names/1/product_id': product id 'CSAFPID-1' is defined more than once]
 * }</pre>
 *
 * The schemas are the OASIS ones as the secvisogram csaf-validator-lib (MIT, BSI) ships them,
 * kept on the class path with their {@code $id}s mapped there, so nothing is fetched. Each test
 * follows what that library's {@code mandatoryTest_6_1_*.js} checks. Tests run: 6.1.1, 6.1.2,
 * 6.1.6, 6.1.7, 6.1.8, 6.1.9 (base score and severity), 6.1.10, 6.1.13, 6.1.14, 6.1.16, 6.1.21,
 * 6.1.22 and the profile tests 6.1.27.1 to 6.1.27.11. Not run: those needing outside data or
 * judgement (6.1.11 CWE names, 6.1.12 languages, 6.1.15 translator, 6.1.17-20 and 6.1.23-26).
 */
public final class CsafValidator {

  private static final String HERE = "/io/haetae/engine/csaf/";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern INTEGER = Pattern.compile("0|[1-9][0-9]*");
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final List<String> STATUSES = List.of("first_affected", "first_fixed", "fixed", "known_affected",
      "known_not_affected", "last_affected", "recommended", "under_investigation");
  /** 6.1.6: a product may sit in one of these groups only. */
  private static final Map<String, String> STATUS_GROUP = Map.of("first_affected", "affected", "known_affected", "affected",
      "last_affected", "affected", "known_not_affected", "not affected", "first_fixed", "fixed", "fixed", "fixed",
      "under_investigation", "under investigation");

  private static volatile Holder schemas;

  private record Holder(Schema csaf, Schema cvss2, Schema cvss30, Schema cvss31) {}

  private CsafValidator() {}

  /** The problems of a CSAF document given as JSON text; empty when it is valid. */
  public static List<CsafProblem> validate(String json) {
    JsonNode doc;
    try {
      doc = JSON.readTree(json);
    } catch (JacksonException e) {
      return List.of(new CsafProblem("schema", "", "malformed JSON: " + e.getOriginalMessage()));
    }
    if (doc == null || !doc.isObject()) return List.of(new CsafProblem("schema", "", "not a JSON object"));
    var out = new ArrayList<CsafProblem>();
    schemas().csaf().validate(json, InputFormat.JSON).forEach(e ->
        out.add(new CsafProblem("schema", e.getInstanceLocation().toString().replaceFirst("^\\$", "").replace('.', '/'),
            e.getMessage())));
    mandatory(doc, out);
    return out;
  }

  /** The mandatory tests alone, for a document already parsed. */
  public static List<CsafProblem> mandatoryTests(JsonNode doc) {
    var out = new ArrayList<CsafProblem>();
    mandatory(doc, out);
    return out;
  }

  private static void mandatory(JsonNode doc, List<CsafProblem> out) {
    productIds(doc, out);
    contradictingStatus(doc, out);
    scores(doc, out);
    purls(doc, out);
    revisions(doc, out);
    profile(doc, out);
  }

  // --- 6.1.1, 6.1.2 product ids ----------------------------------------------------------------

  private static void productIds(JsonNode doc, List<CsafProblem> out) {
    var defined = new LinkedHashMap<String, String>();
    BiConsumer<JsonNode, String> define = (fpn, path) -> {
      String id = fpn.path("product_id").asString(null);
      if (id == null) return;
      String first = defined.putIfAbsent(id, path);
      if (first != null) out.add(new CsafProblem("6.1.2", path + "/product_id",
          "product id '" + id + "' is defined more than once (first at " + first + ")"));
    };
    JsonNode tree = doc.path("product_tree");
    branches(tree.path("branches"), "/product_tree/branches", define);
    each(tree.path("full_product_names"), "/product_tree/full_product_names", define);
    each(tree.path("relationships"), "/product_tree/relationships", (r, p) -> {
      if (r.has("full_product_name")) define.accept(r.get("full_product_name"), p + "/full_product_name");
    });

    var refs = new ArrayList<String[]>();
    each(tree.path("product_groups"), "/product_tree/product_groups", (g, p) -> ids(g.path("product_ids"), p + "/product_ids", refs));
    each(tree.path("relationships"), "/product_tree/relationships", (r, p) -> {
      for (String f : List.of("product_reference", "relates_to_product_reference")) {
        if (r.path(f).isString()) refs.add(new String[] {r.get(f).asString(), p + "/" + f});
      }
    });
    each(doc.path("vulnerabilities"), "/vulnerabilities", (v, p) -> {
      for (String s : STATUSES) ids(v.path("product_status").path(s), p + "/product_status/" + s, refs);
      each(v.path("remediations"), p + "/remediations", (r, rp) -> ids(r.path("product_ids"), rp + "/product_ids", refs));
      each(v.path("scores"), p + "/scores", (s, sp) -> ids(s.path("products"), sp + "/products", refs));
      each(v.path("threats"), p + "/threats", (t, tp) -> ids(t.path("product_ids"), tp + "/product_ids", refs));
      each(v.path("flags"), p + "/flags", (f, fp) -> ids(f.path("product_ids"), fp + "/product_ids", refs));
    });
    for (String[] ref : refs) {
      if (!defined.containsKey(ref[0])) out.add(new CsafProblem("6.1.1", ref[1], "definition of product id '" + ref[0] + "' missing"));
    }
  }

  private static void branches(JsonNode branches, String path, BiConsumer<JsonNode, String> define) {
    each(branches, path, (b, p) -> {
      if (b.has("product")) define.accept(b.get("product"), p + "/product");
      branches(b.path("branches"), p + "/branches", define);
    });
  }

  private static void ids(JsonNode array, String path, List<String[]> into) {
    each(array, path, (id, p) -> {
      if (id.isString()) into.add(new String[] {id.asString(), p});
    });
  }

  // --- 6.1.6 contradicting product status ------------------------------------------------------

  private static void contradictingStatus(JsonNode doc, List<CsafProblem> out) {
    each(doc.path("vulnerabilities"), "/vulnerabilities", (v, p) -> {
      var group = new HashMap<String, String>();
      for (String s : STATUSES) {
        String g = STATUS_GROUP.get(s);
        if (g == null) continue;
        each(v.path("product_status").path(s), p + "/product_status/" + s, (id, ip) -> {
          String before = group.putIfAbsent(id.asString(), g);
          if (before != null && !before.equals(g)) {
            out.add(new CsafProblem("6.1.6", ip, "product '" + id.asString() + "' is both " + before + " and " + g));
          }
        });
      }
    });
  }

  // --- 6.1.7 to 6.1.10 scores ------------------------------------------------------------------

  private static void scores(JsonNode doc, List<CsafProblem> out) {
    each(doc.path("vulnerabilities"), "/vulnerabilities", (v, p) -> {
      var seen = new HashSet<String>();
      each(v.path("scores"), p + "/scores", (s, sp) -> {
        String v3 = s.path("cvss_v3").path("version").asString(null);
        each(s.path("products"), sp + "/products", (id, ip) -> {
          if (s.has("cvss_v2") && !seen.add(id.asString() + " cvss_v2")) {
            out.add(new CsafProblem("6.1.7", ip, "product '" + id.asString() + "' has more than one CVSS v2 score"));
          }
          if (v3 != null && !seen.add(id.asString() + " cvss_v3 " + v3)) {
            out.add(new CsafProblem("6.1.7", ip, "product '" + id.asString() + "' has more than one CVSS v" + v3 + " score"));
          }
        });
        if (s.has("cvss_v2")) cvss(s.get("cvss_v2"), sp + "/cvss_v2", schemas().cvss2(), CvssFields.V2, out);
        if (s.has("cvss_v3")) {
          Schema schema = "3.0".equals(v3) ? schemas().cvss30() : schemas().cvss31();
          cvss(s.get("cvss_v3"), sp + "/cvss_v3", schema, CvssFields.V3, out);
        }
      });
    });
  }

  private static void cvss(JsonNode score, String path, Schema schema, Map<String, CvssFields.Field> fields, List<CsafProblem> out) {
    var invalid = schema.validate(JSON.writeValueAsString(score), InputFormat.JSON);
    invalid.forEach(e -> out.add(new CsafProblem("6.1.8", path + e.getInstanceLocation().toString().replaceFirst("^\\$", "").replace('.', '/'),
        e.getMessage())));
    String vector = score.path("vectorString").asString(null);
    if (vector == null) return;
    // 6.1.10: each property the object states must say what the vector says.
    var metrics = new HashMap<String, String>();
    for (String part : vector.split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) metrics.put(part.substring(0, colon), part.substring(colon + 1));
    }
    fields.forEach((property, field) -> {
      if (!score.path(property).isString()) return;
      String inVector = metrics.get(field.key());
      String expected = inVector == null ? null : field.values().get(inVector);
      if (expected != null && !expected.equals(score.get(property).asString())) {
        out.add(new CsafProblem("6.1.10", path + "/" + property, "'" + score.get(property).asString()
            + "' is not consistent with the vector string (" + field.key() + ":" + inVector + ")"));
      }
    });
    if (!invalid.isEmpty()) return;
    // 6.1.9: the base score (and severity) must be what the vector computes to.
    Cvss parsed;
    try {
      parsed = Cvss.fromVector(vector.startsWith("CVSS:3.0/") ? "CVSS:3.1/" + vector.substring(9) : vector);
    } catch (RuntimeException e) {
      parsed = null;
    }
    if (parsed == null) return;
    double base = parsed.calculateScore().getBaseScore();
    if (score.path("baseScore").isNumber() && Math.abs(score.get("baseScore").asDouble() - base) > 1e-9) {
      out.add(new CsafProblem("6.1.9", path + "/baseScore", score.get("baseScore").asDouble() + " is not the base score of the vector (" + base + ")"));
    }
    if (score.path("baseSeverity").isString()) {
      String severity = io.haetae.engine.disclosure.PublishedVulnerability.severity(score.path("baseScore").isNumber() ? score.get("baseScore").asDouble() : base);
      if (!severity.equals(score.get("baseSeverity").asString())) {
        out.add(new CsafProblem("6.1.9", path + "/baseSeverity", "'" + score.get("baseSeverity").asString() + "' is not the severity of the score (" + severity + ")"));
      }
    }
  }

  // --- 6.1.13 purl -----------------------------------------------------------------------------

  private static void purls(JsonNode doc, List<CsafProblem> out) {
    BiConsumer<JsonNode, String> check = (fpn, path) -> {
      JsonNode purl = fpn.path("product_identification_helper").path("purl");
      if (!purl.isString()) return;
      try {
        new PackageURL(purl.asString());
      } catch (MalformedPackageURLException e) {
        out.add(new CsafProblem("6.1.13", path + "/product_identification_helper/purl", "invalid purl: " + e.getMessage()));
      }
    };
    JsonNode tree = doc.path("product_tree");
    branches(tree.path("branches"), "/product_tree/branches", check);
    each(tree.path("full_product_names"), "/product_tree/full_product_names", check);
    each(tree.path("relationships"), "/product_tree/relationships", (r, p) -> {
      if (r.has("full_product_name")) check.accept(r.get("full_product_name"), p + "/full_product_name");
    });
  }

  // --- 6.1.14, 6.1.16, 6.1.21, 6.1.22 revision history -----------------------------------------

  private record Revision(String number, OffsetDateTime date) {}

  private static void revisions(JsonNode doc, List<CsafProblem> out) {
    JsonNode tracking = doc.path("document").path("tracking");
    JsonNode history = tracking.path("revision_history");
    if (!history.isArray() || history.isEmpty()) return;
    var revisions = new ArrayList<Revision>();
    for (JsonNode r : history) {
      if (!r.path("number").isString() || !r.path("date").isString()) return;
      OffsetDateTime date;
      try {
        date = OffsetDateTime.parse(r.get("date").asString());
      } catch (DateTimeParseException e) {
        return; // the schema names a malformed date
      }
      String number = r.get("number").asString();
      if (!INTEGER.matcher(number).matches() && !SEMVER.matcher(number).matches()) return;
      revisions.add(new Revision(number, date));
    }
    String path = "/document/tracking/revision_history";
    // 6.1.22: each number once (build metadata does not make a version another).
    var numbers = new HashSet<String>();
    for (int i = 0; i < revisions.size(); i++) {
      if (!numbers.add(revisions.get(i).number())) {
        out.add(new CsafProblem("6.1.22", path + "/" + i + "/number", "revision number '" + revisions.get(i).number() + "' is defined more than once"));
      }
    }
    Comparator<Revision> byDate = Comparator.comparing(r -> r.date().toInstant());
    // 6.1.14: sorted by date, the numbers must ascend.
    var sorted = revisions.stream().sorted(byDate.thenComparing((a, b) -> compareVersions(a.number(), b.number()))).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (compareVersions(sorted.get(i - 1).number(), sorted.get(i).number()) > 0) {
        out.add(new CsafProblem("6.1.14", path, "the items must be in ascending order according to the date: '"
            + sorted.get(i - 1).number() + "' is older than '" + sorted.get(i).number() + "'"));
        break;
      }
    }
    // 6.1.16: the latest revision (by date, then number) is the document's version.
    String version = tracking.path("version").asString(null);
    if (version != null && tracking.path("status").isString()) {
      boolean draft = "draft".equals(tracking.get("status").asString());
      Revision latest = revisions.stream().max(byDate.thenComparing((a, b) -> compareVersions(a.number(), b.number()))).orElseThrow();
      if (!normalise(latest.number(), draft).equals(normalise(version, draft))) {
        out.add(new CsafProblem("6.1.16", "/document/tracking/version", "version '" + version
            + "' does not match the latest revision '" + latest.number() + "'"));
      }
    }
    // 6.1.21: by date (then number), the major numbers start at 0 or 1 and omit none.
    var majors = revisions.stream().sorted(byDate.thenComparing((a, b) -> compareVersions(a.number(), b.number()))).map(r -> major(r.number())).distinct().toList();
    if (majors.getFirst() != 0 && majors.getFirst() != 1) {
      out.add(new CsafProblem("6.1.21", path, "revision history does not start with a version of 0 or 1 when sorted by date"));
    }
    for (int i = 0; i < majors.size(); i++) {
      long expected = majors.getFirst() + i;
      if (majors.get(i) > expected) {
        out.add(new CsafProblem("6.1.21", path, "major version " + expected + " was omitted"));
      }
    }
  }

  private static String normalise(String version, boolean draft) {
    return version.split(draft ? "[+-]" : "\\+")[0];
  }

  private static long major(String number) {
    var m = SEMVER.matcher(number);
    return Long.parseLong(m.matches() ? m.group(1) : number);
  }

  /** Integer versions numerically, semantic versions by semver 2.0 precedence (build metadata ignored). */
  static int compareVersions(String a, String b) {
    var ma = SEMVER.matcher(a);
    var mb = SEMVER.matcher(b);
    if (!ma.matches() || !mb.matches()) return Long.compare(major(a), major(b));
    for (int g = 1; g <= 3; g++) {
      int c = new java.math.BigInteger(ma.group(g)).compareTo(new java.math.BigInteger(mb.group(g)));
      if (c != 0) return c;
    }
    String pa = ma.group(4);
    String pb = mb.group(4);
    if (pa == null || pb == null) return pa == null ? (pb == null ? 0 : 1) : -1;
    String[] xa = pa.split("\\.");
    String[] xb = pb.split("\\.");
    for (int i = 0; i < Math.min(xa.length, xb.length); i++) {
      boolean na = xa[i].chars().allMatch(Character::isDigit);
      boolean nb = xb[i].chars().allMatch(Character::isDigit);
      int c = na && nb ? new java.math.BigInteger(xa[i]).compareTo(new java.math.BigInteger(xb[i]))
          : na ? -1 : nb ? 1 : xa[i].compareTo(xb[i]);
      if (c != 0) return c;
    }
    return Integer.compare(xa.length, xb.length);
  }

  // --- 6.1.27 profiles -------------------------------------------------------------------------

  private static void profile(JsonNode doc, List<CsafProblem> out) {
    String category = doc.path("document").path("category").asString("");
    boolean informational = category.equals("csaf_informational_advisory") || category.equals("csaf_security_incident_response");
    boolean advisory = category.equals("csaf_security_advisory");
    boolean vex = category.equals("csaf_vex");
    if (informational) {
      boolean described = false;
      for (JsonNode n : doc.path("document").path("notes")) {
        described |= Set.of("description", "details", "general", "summary").contains(n.path("category").asString(""));
      }
      if (!described) out.add(new CsafProblem("6.1.27.1", "/document/notes", "a " + category
          + " needs a note of category description, details, general or summary"));
      boolean external = false;
      for (JsonNode r : doc.path("document").path("references")) external |= "external".equals(r.path("category").asString(""));
      if (!external) out.add(new CsafProblem("6.1.27.2", "/document/references", "a " + category + " needs a reference of category external"));
      if (category.equals("csaf_informational_advisory") && doc.has("vulnerabilities")) {
        out.add(new CsafProblem("6.1.27.3", "/vulnerabilities", "a csaf_informational_advisory has no vulnerabilities"));
      }
    }
    if (!advisory && !vex) return;
    var groups = new HashMap<String, Set<String>>();
    for (JsonNode g : doc.path("product_tree").path("product_groups")) {
      var members = new HashSet<String>();
      for (JsonNode id : g.path("product_ids")) members.add(id.asString());
      groups.put(g.path("group_id").asString(""), members);
    }
    if (!doc.has("product_tree")) out.add(new CsafProblem("6.1.27.4", "/product_tree", "a " + category + " needs a product tree"));
    if (!doc.path("vulnerabilities").isArray() || doc.path("vulnerabilities").isEmpty()) {
      out.add(new CsafProblem("6.1.27.11", "/vulnerabilities", "a " + category + " needs vulnerabilities"));
    }
    each(doc.path("vulnerabilities"), "/vulnerabilities", (v, p) -> {
      if (!v.has("notes")) out.add(new CsafProblem("6.1.27.5", p + "/notes", "each vulnerability of a " + category + " needs notes"));
      if (advisory && !v.has("product_status")) {
        out.add(new CsafProblem("6.1.27.6", p + "/product_status", "each vulnerability of a csaf_security_advisory needs a product status"));
      }
      if (!vex) return;
      JsonNode status = v.path("product_status");
      if (List.of("fixed", "known_affected", "known_not_affected", "under_investigation").stream().noneMatch(status::has)) {
        out.add(new CsafProblem("6.1.27.7", p + "/product_status", "a VEX vulnerability needs fixed, known_affected, known_not_affected or under_investigation"));
      }
      if (!v.has("cve") && !v.has("ids")) out.add(new CsafProblem("6.1.27.8", p, "a VEX vulnerability needs a cve or ids"));
      var explained = new HashSet<String>();
      for (JsonNode f : v.path("flags")) collect(f, groups, explained);
      for (JsonNode t : v.path("threats")) if ("impact".equals(t.path("category").asString(""))) collect(t, groups, explained);
      each(status.path("known_not_affected"), p + "/product_status/known_not_affected", (id, ip) -> {
        if (!explained.contains(id.asString())) out.add(new CsafProblem("6.1.27.9", ip, "product '" + id.asString() + "' has no impact statement"));
      });
      var acted = new HashSet<String>();
      for (JsonNode r : v.path("remediations")) collect(r, groups, acted);
      each(status.path("known_affected"), p + "/product_status/known_affected", (id, ip) -> {
        if (!acted.contains(id.asString())) out.add(new CsafProblem("6.1.27.10", ip, "product '" + id.asString() + "' has no action statement"));
      });
    });
  }

  /** The products an entry names, its groups resolved. */
  private static void collect(JsonNode entry, Map<String, Set<String>> groups, Set<String> into) {
    for (JsonNode id : entry.path("product_ids")) into.add(id.asString());
    // A group names its products too (6.1.27.9 and 6.1.27.10 accept them).
    for (JsonNode g : entry.path("group_ids")) into.addAll(groups.getOrDefault(g.asString(), Set.of()));
  }

  // --- plumbing --------------------------------------------------------------------------------

  private static void each(JsonNode array, String path, BiConsumer<JsonNode, String> visit) {
    if (!array.isArray()) return;
    for (int i = 0; i < array.size(); i++) visit.accept(array.get(i), path + "/" + i);
  }

  private static Holder schemas() {
    Holder h = schemas;
    if (h == null) {
      synchronized (CsafValidator.class) {
        if (schemas == null) schemas = load();
        h = schemas;
      }
    }
    return h;
  }

  private static Holder load() {
    var files = Map.of(
        "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", "csaf_json_schema.json",
        "https://www.first.org/cvss/cvss-v2.0.json", "cvss-v2.0.json",
        "https://www.first.org/cvss/cvss-v3.0.json", "cvss-v3.0.json",
        "https://www.first.org/cvss/cvss-v3.1.json", "cvss-v3.1.json");
    var texts = new HashMap<String, String>();
    files.forEach((id, file) -> {
      String text = resource(file);
      texts.put(id, text);
      // The CVSS schemas name themselves with a date query ("cvss-v3.1.json?20190610").
      texts.put(id + "?" + "20170531", text);
      texts.put(id + "?" + "20190610", text);
    });
    var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(texts::get));
    return new Holder(
        registry.getSchema(SchemaLocation.of("https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json")),
        registry.getSchema(SchemaLocation.of("https://www.first.org/cvss/cvss-v2.0.json")),
        registry.getSchema(SchemaLocation.of("https://www.first.org/cvss/cvss-v3.0.json")),
        registry.getSchema(SchemaLocation.of("https://www.first.org/cvss/cvss-v3.1.json")));
  }

  private static String resource(String file) {
    try (InputStream in = CsafValidator.class.getResourceAsStream(HERE + file)) {
      if (in == null) throw new IllegalStateException("missing " + HERE + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + HERE + file, e);
    }
  }
}
