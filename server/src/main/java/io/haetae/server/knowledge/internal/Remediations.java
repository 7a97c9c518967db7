package io.haetae.server.knowledge.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an advisory tells a CISO to do besides upgrading: a CSAF record's {@code remediations}
 * (workaround first, then mitigation, then vendor_fix, as CsafReader keeps them under
 * {@code affected[].database_specific.remediations}), else the "Workarounds" (or "Mitigation")
 * section of an OSV/GHSA record's Markdown {@code details}. Public records only.
 */
@Component
public class Remediations {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> CATEGORIES = List.of("workaround", "mitigation", "vendor_fix");
  // "### Workarounds", "## Mitigation", "**Workaround**", "Workarounds:" at the start of a line.
  private static final Pattern HEADING = Pattern.compile(
      "(?im)^\\s{0,3}(?:#{1,6}\\s*|\\*\\*)?(workarounds?|mitigations?)(?:\\*\\*)?\\s*:?\\s*$");
  private static final Pattern NEXT_HEADING = Pattern.compile("(?m)^\\s{0,3}(#{1,6}\\s|\\*\\*[^*]+\\*\\*\\s*$)");
  private static final int MAX = 1000;

  private final AdvisoryRepository advisories;

  Remediations(AdvisoryRepository advisories) {
    this.advisories = advisories;
  }

  /** The workaround or remediation text of each id that has one. */
  public Map<String, String> of(Collection<String> ids) {
    var wanted = ids.stream().filter(id -> id != null && !id.isBlank() && id.length() <= 255).distinct().toList();
    var parsed = new HashMap<String, JsonNode>();
    var out = new HashMap<String, String>();
    advisories.groups(wanted).forEach((id, rows) -> textOf(rows, parsed).ifPresent(t -> out.put(id, t)));
    return out;
  }

  private static Optional<String> textOf(List<AdvisoryRepository.SourceRecordRow> rows, Map<String, JsonNode> parsed) {
    // Most records have neither remediations nor a workaround section: skip parsing those.
    var candidates = rows.stream().filter(r -> mayHaveText(r.json())).toList();
    for (String category : CATEGORIES) {
      for (var row : candidates) {
        var found = csaf(parsed.computeIfAbsent(row.key(), k -> JSON.readTree(row.json())), category);
        if (found.isPresent()) return found;
      }
    }
    for (var row : candidates) {
      var found = section(parsed.computeIfAbsent(row.key(), k -> JSON.readTree(row.json())).path("details").asString(""));
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  private static boolean mayHaveText(String json) {
    String lower = json.toLowerCase(Locale.ROOT);
    return lower.contains("remediations") || lower.contains("workaround") || lower.contains("mitigation");
  }

  private static Optional<String> csaf(JsonNode record, String category) {
    for (JsonNode affected : record.path("affected")) {
      for (JsonNode r : affected.path("database_specific").path("remediations")) {
        if (!category.equals(r.path("category").asString("").toLowerCase(Locale.ROOT))) continue;
        String details = r.path("details").asString("").strip();
        if (!details.isEmpty()) return Optional.of(clip(details));
      }
    }
    return Optional.empty();
  }

  /** The text under a Workarounds/Mitigation heading of Markdown details, up to the next heading. */
  static Optional<String> section(String details) {
    var m = HEADING.matcher(details);
    if (!m.find()) return Optional.empty();
    String rest = details.substring(m.end());
    var next = NEXT_HEADING.matcher(rest);
    String body = (next.find() ? rest.substring(0, next.start()) : rest).strip();
    return body.isEmpty() ? Optional.empty() : Optional.of(clip(body));
  }

  private static String clip(String text) {
    return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
  }
}
