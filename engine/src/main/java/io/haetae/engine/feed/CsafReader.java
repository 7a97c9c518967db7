package io.haetae.engine.feed;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import io.haetae.engine.version.Ecosystem;
import java.nio.file.Path;
import java.util.Objects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSAF 2.0 documents (https://docs.oasis-open.org/csaf/csaf/v2.0/csaf-v2.0.html), security
 * advisories and the {@code csaf_vex} profile alike: one {@link Advisory} per entry of
 * {@code vulnerabilities}, its id the entry's CVE.
 *
 * <pre>{@code
 * new CsafReader().read(Path.of("rhsa-2025_0002.json"))  // "CVE-2024-...", source csaf
 * }</pre>
 *
 * The product tree (branches, full product names, relationships) is resolved to each product
 * id's name, purl and CPE. Every product named in {@code product_status} becomes an affected
 * entry carrying its status, CPE and the remediations (vendor fix, workaround, ...) and VEX
 * flags/impact statements that name it. Products with a purl of a known ecosystem are also
 * matchable packages: an affected one by its exact version, a fixed one as "affected below the
 * fixed version" (how vendors' fixed builds are read by OSV's own converters too).
 */
public final class CsafReader implements FeedReader<Advisory> {

  /** A product of the tree, resolved. */
  record Product(String id, String name, String purl, String cpe) {}

  /** A {@code product_status} category and the status its products are stored with. */
  private record Status(String category, String status) {}

  /**
   * In the order affected entries are written: a fixed list, not a hash map's order, so the
   * stored JSON of one document is the same on every run.
   */
  private static final List<Status> STATUS = List.of(
      new Status("known_affected", "affected"), new Status("first_affected", "affected"),
      new Status("last_affected", "affected"), new Status("fixed", "fixed"), new Status("first_fixed", "fixed"),
      new Status("known_not_affected", "not_affected"), new Status("under_investigation", "under_investigation"),
      new Status("recommended", "recommended"));

  private final Limits limits;

  public CsafReader() {
    this(Limits.defaults());
  }

  /** A reader whose files are capped by {@code limits} (bytes per document or line, decompressed bytes in all). */
  public CsafReader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String format() {
    return "csaf";
  }

  @Override
  public Stream<FeedEntry<Advisory>> read(Path path) {
    return FeedFiles.documents(path, limits, this::document);
  }

  /** The advisories of one CSAF document. */
  public Stream<FeedEntry<Advisory>> document(JsonNode tree, Origin origin) {
    var root = Json.root(tree);
    // A CSAF provider's folder also holds its ROLIE feeds, provider metadata and aggregator
    // lists (CSAF 2.0 section 7): index files, not advisories.
    if (tree.isObject() && (tree.has("feed") || tree.has("metadata_version") || tree.has("aggregator"))) {
      return Stream.empty();
    }
    String trackingId = null;
    try {
      var document = root.requireObject().field("document").requireObject();
      var version = document.field("csaf_version").requiredText();
      if (!version.startsWith("2.")) throw document.field("csaf_version").invalid("unsupported CSAF version " + version);
      var tracking = document.field("tracking").requireObject();
      trackingId = tracking.field("id").requiredText();
      var context = new Context(trackingId, document, tracking.field("current_release_date").requiredTimestamp(),
          products(root.field("product_tree")));
      var vulnerabilities = root.field("vulnerabilities").items();
      return IntStream.range(0, vulnerabilities.size()).mapToObj(i -> {
        var v = vulnerabilities.get(i);
        var cve = v.node().path("cve").isString() ? v.node().path("cve").stringValue() : null;
        return FeedFiles.entry(origin, context.trackingId() + (cve == null ? "" : " " + cve),
            () -> advisory(context, v, i));
      });
    } catch (Invalid e) {
      return Stream.of(new FeedEntry.Rejected<>(origin, trackingId, e.pointer, e.getMessage()));
    }
  }

  private record Context(String trackingId, Json document, Instant modified, Map<String, Product> products) {}

  private static Advisory advisory(Context c, Json v, int index) {
    v.requireObject();
    var cve = v.field("cve").text();
    var id = cve != null ? cve : c.trackingId + "/" + (index + 1);
    var draft = new OsvDraft(id, c.modified)
        .time("published", firstNonNull(v.field("release_date").timestamp(),
            c.document.field("tracking").field("initial_release_date").timestamp()))
        .text("summary", firstNonNull(v.field("title").text(), c.document.field("title").text()))
        .text("details", description(v.field("notes")));
    for (var score : v.field("scores").items()) {
      for (var kind : List.of("cvss_v3", "cvss_v2")) {
        var cvss = score.field(kind);
        if (cvss.isPresent()) draft.cvss(cvss.field("vectorString").requiredText());
      }
    }
    for (var ref : c.document.field("references").items()) {
      draft.reference("self".equals(ref.field("category").text()) ? "ADVISORY" : "WEB", ref.field("url").requiredText());
    }
    for (var ref : v.field("references").items()) draft.reference("WEB", ref.field("url").requiredText());
    var remediations = byProduct(v.field("remediations"), CsafReader::remediation);
    var vex = byProduct(v.field("flags"), f -> FeedFiles.MAPPER.createObjectNode().put("flag", f.field("label").text()));
    vex.putAll(byProduct(v.field("threats"), t -> "impact".equals(t.field("category").text())
        ? FeedFiles.MAPPER.createObjectNode().put("impact", t.field("details").text()) : null));
    var status = v.field("product_status");
    if (status.isPresent()) {
      for (var category : STATUS) {
        for (var productId : status.field(category.category()).items()) {
          affected(draft, c, productId, category.status(), remediations, vex);
        }
      }
    }
    draft.databaseSpecific().put("source", "csaf").put("document", c.trackingId)
        .put("category", c.document.field("category").text())
        .put("publisher", c.document.field("publisher").field("name").text());
    return draft.advisory();
  }

  private static void affected(OsvDraft draft, Context c, Json productId, String status,
      Map<String, List<ObjectNode>> remediations, Map<String, List<ObjectNode>> vex) {
    var pid = productId.requiredText();
    var product = c.products.get(pid);
    if (product == null) throw productId.invalid("product id '" + pid + "' is not in the product tree");
    ObjectNode out = draft.addAffected();
    var specific = out.putObject("database_specific").put("product_id", pid).put("product_name", product.name)
        .put("status", status).put("cpe", product.cpe).put("purl", product.purl);
    remediations.getOrDefault(pid, List.of()).forEach(specific.withArray("remediations")::add);
    vex.getOrDefault(pid, List.of()).forEach(specific.withArray("vex")::add);
    packageOf(product).ifPresent(pkg -> {
      if (status.equals("affected")) {
        out.set("package", pkg.node());
        out.putArray("versions").add(pkg.version());
      } else if (status.equals("fixed")) {
        out.set("package", pkg.node());
        var events = out.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
        events.addObject().put("introduced", "0");
        events.addObject().put("fixed", pkg.version());
      }
    });
  }

  private record Pkg(ObjectNode node, String version) {}

  /** The OSV package of a product whose purl names a known ecosystem and a version. */
  private static java.util.Optional<Pkg> packageOf(Product product) {
    if (product.purl == null) return java.util.Optional.empty();
    try {
      var purl = new PackageURL(product.purl);
      var ecosystem = Ecosystem.fromPurl(purl.getType(), purl.getNamespace());
      if (ecosystem.isEmpty() || purl.getVersion() == null) return java.util.Optional.empty();
      var ns = purl.getNamespace();
      var name = io.haetae.engine.match.InstalledPackage.nameOf(ecosystem.get(), purl);
      var node = FeedFiles.MAPPER.createObjectNode().put("ecosystem", ecosystem.get().osvName()).put("name", name)
          .put("purl", new PackageURL(purl.getType(), ns, purl.getName(), null, null, null).canonicalize());
      return java.util.Optional.of(new Pkg(node, purl.getVersion()));
    } catch (MalformedPackageURLException e) {
      // A product's purl that does not parse leaves the product shown, not matchable.
      return java.util.Optional.empty();
    }
  }

  private static ObjectNode remediation(Json r) {
    var node = FeedFiles.MAPPER.createObjectNode().put("category", r.field("category").requiredText())
        .put("details", r.field("details").text());
    if (r.field("url").text() != null) node.put("url", r.field("url").text());
    return node;
  }

  private static Map<String, List<ObjectNode>> byProduct(Json list, java.util.function.Function<Json, ObjectNode> map) {
    var out = new HashMap<String, List<ObjectNode>>();
    for (var item : list.items()) {
      var node = map.apply(item);
      if (node == null) continue;
      for (var pid : item.field("product_ids").texts()) out.computeIfAbsent(pid, k -> new ArrayList<>()).add(node);
    }
    return out;
  }

  /** Every product id of the tree with its name, purl and CPE. */
  static Map<String, Product> products(Json tree) {
    var out = new HashMap<String, Product>();
    if (!tree.isPresent()) return out;
    branches(tree.field("branches"), out);
    for (var full : tree.field("full_product_names").items()) put(full, out);
    for (var rel : tree.field("relationships").items()) {
      var full = rel.field("full_product_name").requireObject();
      var component = out.get(rel.field("product_reference").requiredText());
      var platform = out.get(rel.field("relates_to_product_reference").requiredText());
      var id = full.field("product_id").requiredText();
      out.put(id, new Product(id, full.field("name").text(),
          component == null ? null : component.purl,
          component != null && component.cpe != null ? component.cpe : platform == null ? null : platform.cpe));
    }
    return out;
  }

  private static void branches(Json branches, Map<String, Product> out) {
    for (var branch : branches.items()) {
      var product = branch.field("product");
      if (product.isPresent()) put(product, out);
      branches(branch.field("branches"), out);
    }
  }

  private static void put(Json product, Map<String, Product> out) {
    var helper = product.field("product_identification_helper");
    var id = product.field("product_id").requiredText();
    out.put(id, new Product(id, product.field("name").text(), helper.field("purl").text(), helper.field("cpe").text()));
  }

  private static String description(Json notes) {
    String summary = null;
    for (var note : notes.items()) {
      var category = note.field("category").text();
      if ("description".equals(category)) return note.field("text").text();
      if ("summary".equals(category) && summary == null) summary = note.field("text").text();
    }
    return summary;
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
