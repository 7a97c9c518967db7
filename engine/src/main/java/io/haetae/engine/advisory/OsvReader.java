package io.haetae.engine.advisory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps one OSV record (https://ossf.github.io/osv-schema/) to an {@link Advisory}, checking what
 * the store and the matcher rely on: an id, a parseable {@code modified}, typed ranges with
 * well-formed events. Unknown fields are ignored, as the schema asks of consumers.
 *
 * <pre>{@code
 * switch (new OsvReader().read(mapper.readTree(bytes))) {
 *   case OsvReader.Parsed p -> store(p.advisory());
 *   case OsvReader.Rejected r -> log(r.pointer() + ": " + r.reason());  // "/affected/0/ranges/1/events/2: ..."
 * }
 * }</pre>
 *
 * Bad data never throws; it comes back as {@link Rejected} with the JSON pointer of the culprit.
 */
public final class OsvReader {

  /** What reading one record gives. */
  public sealed interface Result permits Parsed, Rejected {}

  /** A record that passed the checks. */
  public record Parsed(Advisory advisory) implements Result {
    public Parsed {
      Objects.requireNonNull(advisory, "advisory");
    }
  }

  /** A record refused; {@code pointer} is an RFC 6901 JSON pointer ("" for the whole record). */
  public record Rejected(String pointer, String reason) implements Result {
    public Rejected {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return (pointer.isEmpty() ? "/" : pointer) + ": " + reason;
    }
  }

  private final JsonMapper mapper;

  public OsvReader() {
    this(JsonMapper.builder().build());
  }

  /** With the mapper used to re-serialise {@code json} and the {@code *_specific} blocks. */
  public OsvReader(JsonMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** Reads one record (the parsed JSON tree of one OSV document). */
  public Result read(JsonNode record) {
    try {
      return new Parsed(advisory(new Node(record, "")));
    } catch (Invalid e) {
      return new Rejected(e.pointer, e.getMessage());
    }
  }

  private Advisory advisory(Node root) {
    root.requireObject();
    var id = root.field("id").requiredString();
    return new Advisory(
        id,
        root.field("aliases").strings(),
        root.field("modified").requiredTimestamp(),
        root.field("published").optionalTimestamp(),
        root.field("withdrawn").optionalTimestamp(),
        root.field("summary").optionalString(),
        root.field("details").optionalString(),
        severities(root.field("severity")),
        root.field("affected").mapItems(this::affected),
        root.field("references").mapItems(OsvReader::reference),
        compact(root.json));
  }

  private AffectedPackage affected(Node entry) {
    entry.requireObject();
    var pkg = entry.field("package");
    // A package-less entry is legal: CPython's PSF advisories carry GIT ranges only.
    String ecosystem = null, name = null, purl = null;
    if (pkg.isPresent()) {
      pkg.requireObject();
      ecosystem = pkg.field("ecosystem").requiredString();
      name = pkg.field("name").requiredString();
      purl = pkg.field("purl").optionalString();
    }
    return new AffectedPackage(ecosystem, name, purl,
        entry.field("ranges").mapItems(this::range),
        entry.field("versions").strings(),
        severities(entry.field("severity")),
        specific(entry.field("ecosystem_specific")),
        specific(entry.field("database_specific")));
  }

  private AffectedRange range(Node range) {
    range.requireObject();
    var typeNode = range.field("type");
    var type = switch (typeNode.requiredString()) {
      case "SEMVER" -> AffectedRange.RangeType.SEMVER;
      case "ECOSYSTEM" -> AffectedRange.RangeType.ECOSYSTEM;
      case "GIT" -> AffectedRange.RangeType.GIT;
      default -> throw typeNode.invalid("unknown range type '" + typeNode.json.asString()
          + "' (expected SEMVER, ECOSYSTEM or GIT)");
    };
    var repo = range.field("repo").optionalString();
    if (type == AffectedRange.RangeType.GIT && repo == null) {
      throw range.invalid("GIT range has no repo");
    }
    var events = range.field("events");
    var parsed = events.mapItems(OsvReader::event);
    if (parsed.isEmpty()) throw events.invalid("range has no events");
    return new AffectedRange(type, repo, parsed, specific(range.field("database_specific")));
  }

  private static RangeEvent event(Node event) {
    event.requireObject();
    var kinds = new ArrayList<String>();
    for (var kind : List.of("introduced", "fixed", "last_affected", "limit")) {
      if (event.json.has(kind)) kinds.add(kind);
    }
    if (kinds.size() != 1) {
      throw event.invalid("event must have exactly one of introduced, fixed, last_affected, limit; has "
          + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
    }
    var kind = kinds.getFirst();
    var version = event.field(kind).requiredString();
    return switch (kind) {
      case "introduced" -> new RangeEvent.Introduced(version);
      case "fixed" -> new RangeEvent.Fixed(version);
      case "last_affected" -> new RangeEvent.LastAffected(version);
      default -> new RangeEvent.Limit(version);
    };
  }

  private static List<SeverityScore> severities(Node list) {
    return list.mapItems(entry -> {
      entry.requireObject();
      return new SeverityScore(entry.field("type").requiredString(), entry.field("score").requiredString());
    });
  }

  private static Reference reference(Node entry) {
    entry.requireObject();
    return new Reference(entry.field("type").optionalString(), entry.field("url").requiredString());
  }

  private String specific(Node node) {
    return node.isPresent() ? compact(node.json) : null;
  }

  private String compact(JsonNode json) {
    return mapper.writeValueAsString(json);
  }

  /** A JSON node with its pointer, so every check can name where it failed. */
  private record Node(JsonNode json, String pointer) {

    Node field(String name) {
      return new Node(json.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    /** Absent and JSON null mean the same: several feeds write {@code "aliases": null}. */
    boolean isPresent() {
      return json != null && !json.isNull();
    }

    void requireObject() {
      if (!isPresent() || !json.isObject()) throw invalid("expected an object");
    }

    String requiredString() {
      if (!isPresent()) throw invalid("is required");
      var value = optionalString();
      if (value.isBlank()) throw invalid("must not be blank");
      return value;
    }

    String optionalString() {
      if (!isPresent()) return null;
      if (!json.isString()) throw invalid("expected a string, found " + json.getNodeType());
      return json.stringValue();
    }

    Instant requiredTimestamp() {
      if (!isPresent()) throw invalid("is required");
      return optionalTimestamp();
    }

    Instant optionalTimestamp() {
      var text = optionalString();
      if (text == null) return null;
      return OsvTimestamp.parse(text)
          .orElseThrow(() -> invalid("not an RFC 3339 timestamp: '" + text + "'"));
    }

    List<String> strings() {
      return mapItems(Node::requiredString);
    }

    <T> List<T> mapItems(java.util.function.Function<Node, T> mapping) {
      if (!isPresent()) return List.of();
      if (!json.isArray()) throw invalid("expected an array, found " + json.getNodeType());
      var items = new ArrayList<T>(json.size());
      for (int i = 0; i < json.size(); i++) {
        items.add(mapping.apply(new Node(json.get(i), pointer + "/" + i)));
      }
      return items;
    }

    Invalid invalid(String reason) {
      return new Invalid(pointer, reason);
    }
  }

  /** Internal control flow only: caught in {@link #read} and turned into {@link Rejected}. */
  private static final class Invalid extends RuntimeException {
    private final String pointer;

    Invalid(String pointer, String reason) {
      super(reason, null, false, false);
      this.pointer = pointer;
    }
  }
}
