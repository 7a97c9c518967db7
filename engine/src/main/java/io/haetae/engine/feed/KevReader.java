package io.haetae.engine.feed;

import io.haetae.engine.advisory.OsvSource.Limits;
import io.haetae.engine.advisory.OsvSource.Origin;
import java.nio.file.Path;
import java.util.Objects;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * CISA's KEV catalogue as JSON ({@code known_exploited_vulnerabilities.json},
 * https://www.cisa.gov/known-exploited-vulnerabilities-catalog): one {@link KevEntry} per
 * {@code vulnerabilities[]} item.
 *
 * <pre>{@code
 * new KevReader().read(Path.of("known_exploited_vulnerabilities.json"))  // KevEntry("CVE-2025-48384", ...)
 * }</pre>
 */
public final class KevReader implements FeedReader<KevEntry> {

  static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private final Limits limits;

  public KevReader() {
    this(Limits.defaults());
  }

  /** A reader whose files are capped by {@code limits} (bytes per document or line, decompressed bytes in all). */
  public KevReader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String format() {
    return "kev";
  }

  @Override
  public Stream<FeedEntry<KevEntry>> read(Path path) {
    return FeedFiles.documents(path, limits, this::catalogue);
  }

  /** The entries of one catalogue document. */
  public Stream<FeedEntry<KevEntry>> catalogue(JsonNode tree, Origin origin) {
    var root = Json.root(tree);
    var list = root.field("vulnerabilities");
    if (!tree.isObject() || !list.isPresent() || !list.node().isArray()) {
      return Stream.of(new FeedEntry.Rejected<>(origin, null, "", "not a KEV catalogue: no 'vulnerabilities' list"));
    }
    var version = root.field("catalogVersion").node();
    var catalogVersion = version != null && version.isString() ? version.stringValue() : null;
    return list.items().stream().map(item -> {
      var idNode = item.node().path("cveID");
      return FeedFiles.entry(origin, idNode.isString() ? idNode.stringValue() : null, () -> entry(item, catalogVersion));
    });
  }

  private static KevEntry entry(Json item, String catalogVersion) {
    item.requireObject();
    var cve = item.field("cveID");
    var id = cve.requiredText();
    if (!CVE.matcher(id).matches()) throw cve.invalid("not a CVE id: '" + id + "'");
    return new KevEntry(id, item.field("vendorProject").text(), item.field("product").text(),
        item.field("vulnerabilityName").text(), date(item.field("dateAdded"), true), date(item.field("dueDate"), false),
        item.field("requiredAction").text(), item.field("knownRansomwareCampaignUse").text(), catalogVersion);
  }

  private static LocalDate date(Json field, boolean required) {
    var text = required ? field.requiredText() : field.text();
    if (text == null) return null;
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw field.invalid("not a date (YYYY-MM-DD): '" + text + "'");
    }
  }
}
