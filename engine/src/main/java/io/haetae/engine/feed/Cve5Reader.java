package io.haetae.engine.feed;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import java.nio.file.Path;
import java.util.Objects;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CVE JSON 5.x records as the CVE List publishes them (https://github.com/CVEProject/cve-schema):
 * one record per {@code .json} file, or one per line of a {@code .jsonl(.gz)} file.
 *
 * <pre>{@code
 * new Cve5Reader().read(Path.of("cvelistV5/cves/2024"))   // Advisory "CVE-2024-...", source cve5
 * }</pre>
 *
 * The CNA container gives title, description, affected products and references; CVSS comes
 * from the CNA's and every ADP's {@code metrics} (CISA's vulnrichment adds scores there). An
 * affected entry whose {@code collectionURL} names a package registry (pkg.go.dev, PyPI, npm,
 * Maven Central, crates.io, ...) becomes an OSV package with ranges the matcher can use; the
 * rest (vendor/product, CPEs) is kept in {@code affected[].database_specific}. A REJECTED record
 * is read as withdrawn.
 */
public final class Cve5Reader implements FeedReader<Advisory> {

  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  /** collectionURL (as CNAs write it, lower case, no trailing slash) to OSV ecosystem. */
  private static final Map<String, String> REGISTRIES = Map.ofEntries(
      Map.entry("https://pkg.go.dev", "Go"),
      Map.entry("https://pypi.org", "PyPI"), Map.entry("https://pypi.python.org", "PyPI"),
      Map.entry("https://www.npmjs.com", "npm"), Map.entry("https://registry.npmjs.org", "npm"),
      Map.entry("https://repo.maven.apache.org/maven2", "Maven"), Map.entry("https://repo1.maven.org/maven2", "Maven"),
      Map.entry("https://crates.io", "crates.io"), Map.entry("https://rubygems.org", "RubyGems"),
      Map.entry("https://www.nuget.org", "NuGet"), Map.entry("https://packagist.org", "Packagist"),
      Map.entry("https://hex.pm", "Hex"), Map.entry("https://pub.dev", "Pub"));

  private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile("(>=|<=|>|<|=)\\s*(\\S+)");

  private final Limits limits;

  public Cve5Reader() {
    this(Limits.defaults());
  }

  /** A reader whose files are capped by {@code limits} (bytes per document or line, decompressed bytes in all). */
  public Cve5Reader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String format() {
    return "cve5";
  }

  @Override
  public Stream<FeedEntry<Advisory>> read(Path path) {
    return FeedFiles.documents(path, limits, (tree, origin) -> Stream.of(record(tree, origin)));
  }

  /** Reads one CVE record (its parsed JSON). */
  public FeedEntry<Advisory> record(JsonNode tree, Origin origin) {
    var root = Json.root(tree);
    var id = tree.isObject() && tree.path("cveMetadata").path("cveId").isString()
        ? tree.path("cveMetadata").path("cveId").stringValue() : null;
    return FeedFiles.entry(origin, id, () -> advisory(root));
  }

  private static Advisory advisory(Json root) {
    root.requireObject();
    var type = root.field("dataType").text();
    if (type != null && !type.equals("CVE_RECORD")) throw root.field("dataType").invalid("not a CVE record: " + type);
    var meta = root.field("cveMetadata").requireObject();
    var id = meta.field("cveId").requiredText();
    var state = meta.field("state").text();
    var cna = root.field("containers").requireObject().field("cna").requireObject();
    var draft = new OsvDraft(id, modified(meta, cna))
        .time("published", meta.field("datePublished").timestamp())
        .text("summary", cna.field("title").text())
        .text("details", english(cna.field("descriptions")));
    if ("REJECTED".equals(state)) {
      draft.time("withdrawn", firstNonNull(meta.field("dateRejected").timestamp(), modified(meta, cna)));
      draft.text("details", english(cna.field("rejectedReasons")));
    }
    metrics(cna, draft);
    for (var adp : root.field("containers").field("adp").items()) metrics(adp, draft);
    for (var ref : cna.field("references").items()) draft.reference(referenceType(ref), ref.field("url").requiredText());
    for (var affected : cna.field("affected").items()) affected(affected, draft);
    draft.databaseSpecific().put("source", "cve5").put("state", state == null ? "PUBLISHED" : state)
        .put("assigner", meta.field("assignerShortName").text());
    return draft.advisory();
  }

  /**
   * The record's last change. CNA-published records (the Go CNA's among them) may carry no date
   * at all: they count as the oldest possible version, so any dated copy replaces them.
   */
  private static Instant modified(Json meta, Json cna) {
    for (var date : List.of(meta.field("dateUpdated"), cna.field("providerMetadata").field("dateUpdated"),
        meta.field("datePublished"), meta.field("dateReserved"))) {
      var at = date.timestamp();
      if (at != null) return at;
    }
    return Instant.EPOCH;
  }

  private static void metrics(Json container, OsvDraft draft) {
    for (var metric : container.field("metrics").items()) {
      ssvc(metric.field("other"), draft);
      for (var field : List.of("cvssV4_0", "cvssV3_1", "cvssV3_0", "cvssV2_0")) {
        var cvss = metric.field(field);
        if (cvss.isPresent()) draft.cvss(cvss.field("vectorString").requiredText());
      }
    }
  }

  /**
   * CISA's ADP container (vulnrichment) writes its SSVC decision points as an "other" metric:
   * {@code {"type": "ssvc", "content": {"options": [{"Exploitation": "poc"}, {"Automatable": "no"},
   * {"Technical Impact": "total"}]}}}. They go to {@code database_specific.ssvc}
   * ({@code exploitation}, {@code automatable}, {@code technical_impact}, lower case), where due
   * dates read them (docs/deadlines.md).
   */
  private static void ssvc(Json other, OsvDraft draft) {
    if (!"ssvc".equalsIgnoreCase(other.field("type").text())) return;
    var out = draft.databaseSpecific().putObject("ssvc");
    for (var option : other.field("content").field("options").items()) {
      for (var decision : List.of("Exploitation", "Automatable", "Technical Impact")) {
        var value = option.field(decision).text();
        if (value != null) {
          out.put(decision.toLowerCase(Locale.ROOT).replace(' ', '_'), value.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  private static void affected(Json entry, OsvDraft draft) {
    entry.requireObject();
    var ecosystem = ecosystem(entry.field("collectionURL").text());
    var packageName = entry.field("packageName").text();
    ObjectNode out = draft.addAffected();
    boolean asPackage = ecosystem != null && packageName != null;
    if (asPackage) out.putObject("package").put("ecosystem", ecosystem).put("name", packageName);
    var specific = out.putObject("database_specific");
    specific.put("vendor", entry.field("vendor").text()).put("product", entry.field("product").text());
    var cpes = entry.field("cpes").texts();
    if (!cpes.isEmpty()) cpes.forEach(specific.putArray("cpes")::add);
    specific.put("default_status", entry.field("defaultStatus").text());
    var events = FeedFiles.MAPPER.createArrayNode();
    for (var version : entry.field("versions").items()) {
      version.requireObject();
      if (!"affected".equals(version.field("status").text())) continue;
      // Some CNAs publish "" as version (CVE-2023-41820): the entry says nothing we can use.
      var start = version.field("version").text();
      if (start == null) continue;
      if (CONSTRAINT.matcher(start).lookingAt()) {
        constraint(start, events, specific);
        continue;
      }
      var lessThan = version.field("lessThan").text();
      var upTo = version.field("lessThanOrEqual").text();
      if (lessThan == null && upTo == null) {
        out.withArray("versions").add(start);
        continue;
      }
      events.addObject().put("introduced", start.equals("*") || start.equals("unspecified") ? "0" : start);
      // Microsoft writes lessThan "publication" (every build before the fix was published): no usable bound.
      if (isBound(upTo)) events.addObject().put("last_affected", upTo);
      else if (isBound(lessThan)) events.addObject().put("fixed", lessThan);
    }
    if (!events.isEmpty()) {
      var range = out.putArray("ranges").addObject();
      range.put("type", asPackage && ecosystem.equals("Go") ? "SEMVER" : "ECOSYSTEM");
      range.set("events", events);
    }
    if (asPackage && events.isEmpty() && !out.has("versions")) {
      // A package with neither ranges nor versions would read as "every version": keep it as a note.
      out.remove("package");
      specific.put("ecosystem", ecosystem).put("package", packageName);
    }
  }

  /**
   * GitHub's CNA writes a range as one version string: "&gt;= 1.7.0, &lt; 1.18.4". An excluded
   * start ("&gt; 1.0") has no OSV event; such a range is kept as text only.
   */
  private static void constraint(String text, tools.jackson.databind.node.ArrayNode events, ObjectNode specific) {
    String introduced = "0", fixed = null, lastAffected = null;
    for (var part : text.split(",")) {
      var m = CONSTRAINT.matcher(part.strip());
      if (!m.matches()) {
        specific.withArray("version_constraints").add(text);
        return;
      }
      switch (m.group(1)) {
        case ">=" -> introduced = m.group(2);
        case "<" -> fixed = m.group(2);
        case "<=" -> lastAffected = m.group(2);
        default -> {
          specific.withArray("version_constraints").add(text);
          return;
        }
      }
    }
    events.addObject().put("introduced", introduced);
    if (fixed != null) events.addObject().put("fixed", fixed);
    else if (lastAffected != null) events.addObject().put("last_affected", lastAffected);
  }

  private static boolean isBound(String version) {
    return version != null && !version.equals("*") && !version.equalsIgnoreCase("publication")
        && !version.equalsIgnoreCase("unspecified");
  }

  static String ecosystem(String collectionUrl) {
    if (collectionUrl == null) return null;
    return REGISTRIES.get(TRAILING_SLASHES.matcher(collectionUrl.toLowerCase(Locale.ROOT)).replaceAll(""));
  }

  private static String referenceType(Json ref) {
    var tags = ref.field("tags").texts();
    if (tags.contains("patch")) return "FIX";
    if (tags.contains("vendor-advisory") || tags.contains("third-party-advisory")) return "ADVISORY";
    if (tags.contains("issue-tracking")) return "REPORT";
    return "WEB";
  }

  /** The English text of a CVE 5 descriptions list, else the first one. */
  static String english(Json descriptions) {
    String first = null;
    for (var d : descriptions.items()) {
      var value = d.field("value").text();
      var lang = d.field("lang").text();
      if (lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en") && value != null) return value;
      if (first == null) first = value;
    }
    return first;
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
