package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.identity.Organisation;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The text of a digest: what is affected, how bad, and exactly what to do. Plain text, so no
 * advisory text can inject markup into a CISO's mail client.
 */
@Component
class DigestWriter {

  private final MessageSource messages;
  private final String baseUrl;

  DigestWriter(MessageSource messages, @Value("${haetae.base-url}") String baseUrl) {
    this.messages = messages;
    this.baseUrl = baseUrl;
  }

  String subject(Organisation org, List<Finding> findings) {
    return text("alert.subject", findings.size(), org.name(), bands(findings));
  }

  String body(Organisation org, List<Finding> findings) {
    var sb = new StringBuilder();
    sb.append(text("alert.greeting", org.name())).append("\n\n");
    sb.append(text("alert.intro", findings.size(), bands(findings))).append("\n\n");
    int n = 0;
    for (Finding f : findings) {
      n++;
      sb.append(n).append(". [").append(f.severity().name()).append("] ").append(f.advisoryId());
      if (!f.aliases().isEmpty()) sb.append(" (").append(String.join(", ", f.aliases())).append(')');
      sb.append('\n');
      sb.append("   ").append(f.title()).append('\n');
      sb.append("   ").append(text("alert.component", component(f))).append('\n');
      sb.append("   ").append(action(f)).append('\n');
      sb.append("   ").append(baseUrl).append("/advisories/").append(f.advisoryId()).append("\n\n");
    }
    sb.append(text("alert.footer", baseUrl + "/org")).append('\n');
    return sb.toString();
  }

  private String action(Finding f) {
    if (f.undecidable()) return text("alert.action.undecidable", f.reason());
    if (f.fixedVersion() == null) return text("alert.action.nofix");
    return text("alert.action.upgrade", f.componentName(), f.componentVersion(), f.fixedVersion());
  }

  private static String component(Finding f) {
    String name = (f.componentGroup() == null ? "" : f.componentGroup() + ":") + f.componentName()
        + (f.componentVersion() == null ? "" : " " + f.componentVersion());
    return f.componentPurl() == null ? name : name + " (" + f.componentPurl() + ")";
  }

  private String bands(List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    var sb = new StringBuilder();
    counts.forEach((s, c) -> sb.append(sb.isEmpty() ? "" : ", ").append(c).append(' ').append(s.name().toLowerCase(Locale.ROOT)));
    return sb.toString();
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, Locale.ENGLISH);
  }
}
