package io.haetae.engine.feed;

import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import java.nio.file.Path;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NVD CVE API 2.0 responses (https://nvd.nist.gov/developers/vulnerabilities): a response file
 * holds {@code vulnerabilities[].cve}; a file holding one {@code {"cve": ...}} item is read too.
 *
 * <pre>{@code
 * new NvdReader().read(Path.of("nvd/responses"))  // one Advisory per CVE item, source nvd
 * }</pre>
 *
 * Every CVSS metric (v4.0, v3.1, v3.0, v2) of every scoring source is kept as a vector. Each
 * vulnerable {@code cpeMatch} of the configurations becomes one package-less affected entry:
 * the CPE and its version bounds in {@code database_specific}, and, where the bounds are an
 * ordinary interval, an ECOSYSTEM range (NVD CPE ranges cannot match purls; they are shown and
 * searched, not matched). A record with status "Rejected" is read as withdrawn.
 */
public final class NvdReader implements FeedReader<Advisory> {

  /** A CPE 2.3 field separator: a colon not escaped by a backslash. */
  private static final Pattern CPE_SEPARATOR = Pattern.compile("(?<!\\\\):");

  private final Limits limits;

  public NvdReader() {
    this(Limits.defaults());
  }

  /** A reader whose files are capped by {@code limits} (bytes per document or line, decompressed bytes in all). */
  public NvdReader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String format() {
    return "nvd";
  }

  @Override
  public Stream<FeedEntry<Advisory>> read(Path path) {
    return FeedFiles.documents(path, limits, this::document);
  }

  /** The CVE items of one response document (or the one item of a single-item file). */
  public Stream<FeedEntry<Advisory>> document(JsonNode tree, Origin origin) {
    var root = Json.root(tree);
    if (tree.isObject() && tree.has("cve")) return Stream.of(item(root, origin));
    var items = root.field("vulnerabilities");
    if (!tree.isObject() || !items.isPresent()) {
      return Stream.of(new FeedEntry.Rejected<>(origin, null, "", "not an NVD CVE API 2.0 response: no 'vulnerabilities'"));
    }
    try {
      return items.items().stream().map(item -> item(item, origin));
    } catch (Invalid e) {
      return Stream.of(new FeedEntry.Rejected<>(origin, null, e.pointer, e.getMessage()));
    }
  }

  private static FeedEntry<Advisory> item(Json item, Origin origin) {
    var idNode = item.node() == null ? null : item.node().path("cve").path("id");
    var id = idNode != null && idNode.isString() ? idNode.stringValue() : null;
    return FeedFiles.entry(origin, id, () -> advisory(item.requireObject().field("cve").requireObject()));
  }

  private static Advisory advisory(Json cve) {
    var id = cve.field("id").requiredText();
    var status = cve.field("vulnStatus").text();
    var modified = cve.field("lastModified").requiredTimestamp();
    var draft = new OsvDraft(id, modified)
        .time("published", cve.field("published").timestamp())
        .text("details", Cve5Reader.english(cve.field("descriptions")));
    if ("Rejected".equalsIgnoreCase(status)) draft.time("withdrawn", modified);
    var metrics = cve.field("metrics");
    for (var kind : List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
      for (var metric : metrics.field(kind).items()) draft.cvss(metric.field("cvssData").field("vectorString").requiredText());
    }
    for (var ref : cve.field("references").items()) {
      var tags = ref.field("tags").texts();
      draft.reference(tags.contains("Patch") ? "FIX" : tags.contains("Vendor Advisory") ? "ADVISORY" : "WEB",
          ref.field("url").requiredText());
    }
    for (var config : cve.field("configurations").items()) {
      for (var node : config.field("nodes").items()) {
        for (var match : node.field("cpeMatch").items()) {
          if (match.field("vulnerable").bool()) cpeMatch(match, draft);
        }
      }
    }
    var specific = draft.databaseSpecific().put("source", "nvd").put("status", status)
        .put("source_identifier", cve.field("sourceIdentifier").text());
    var cwes = new ArrayList<String>();
    for (var weakness : cve.field("weaknesses").items()) {
      for (var d : weakness.field("description").items()) {
        var cwe = d.field("value").text();
        if (cwe != null && cwe.startsWith("CWE-") && !cwes.contains(cwe)) cwes.add(cwe);
      }
    }
    if (!cwes.isEmpty()) cwes.forEach(specific.putArray("cwe_ids")::add);
    return draft.advisory();
  }

  private static void cpeMatch(Json match, OsvDraft draft) {
    var criteria = match.field("criteria").requiredText();
    ObjectNode affected = draft.addAffected();
    var specific = affected.putObject("database_specific").put("cpe", criteria);
    var startIncluding = match.field("versionStartIncluding").text();
    var startExcluding = match.field("versionStartExcluding").text();
    var endExcluding = match.field("versionEndExcluding").text();
    var endIncluding = match.field("versionEndIncluding").text();
    specific.put("versionStartIncluding", startIncluding).put("versionStartExcluding", startExcluding)
        .put("versionEndExcluding", endExcluding).put("versionEndIncluding", endIncluding);
    // An excluded start has no OSV event; such a range is kept in database_specific only.
    if (startExcluding == null && (startIncluding != null || endExcluding != null || endIncluding != null)) {
      var events = affected.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
      events.addObject().put("introduced", startIncluding == null ? "0" : startIncluding);
      if (endExcluding != null) events.addObject().put("fixed", endExcluding);
      else if (endIncluding != null) events.addObject().put("last_affected", endIncluding);
    } else if (startExcluding == null) {
      var version = cpeVersion(criteria);
      if (version != null) affected.putArray("versions").add(version);
    }
  }

  /** The version part of a CPE 2.3 name, when it names one ("*" and "-" do not). */
  static String cpeVersion(String cpe) {
    var parts = CPE_SEPARATOR.split(cpe);
    if (parts.length < 6) return null;
    var version = parts[5];
    return version.equals("*") || version.equals("-") ? null : version.replace("\\", "");
  }
}
