package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.findings.Finding;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Tlp;
import java.util.Comparator;
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

  /** The subject, led by the mail's TLP label when any finding's advisory is not TLP:CLEAR. */
  String subject(Organisation org, List<Finding> findings, Map<String, Tlp> tlp) {
    Tlp mail = strictest(findings, tlp);
    String subject = text("alert.subject", findings.size(), org.name(), bands(findings));
    return mail == Tlp.CLEAR ? subject : "[" + mail.label() + "] " + subject;
  }

  /**
   * The body. A mail carries the strictest label of the advisories it reports, stated first with
   * its sharing rule (TLP 2.0 asks for the label before the information), and each marked
   * finding says its own label.
   */
  String body(Organisation org, List<Finding> findings, Map<String, Tlp> tlp) {
    var sb = new StringBuilder();
    Tlp mail = strictest(findings, tlp);
    if (mail != Tlp.CLEAR) sb.append(mail.label()).append(": ").append(text("alert.tlp." + mail.name())).append("\n\n");
    sb.append(text("alert.greeting", org.name())).append("\n\n");
    sb.append(text("alert.intro", findings.size(), bands(findings))).append("\n\n");
    int n = 0;
    for (Finding f : findings) {
      n++;
      sb.append(n).append(". [").append(f.severity().name()).append("] ").append(f.advisoryId());
      Tlp label = tlp.getOrDefault(f.advisoryId(), Tlp.CLEAR);
      if (label != Tlp.CLEAR) sb.append(" [").append(label.label()).append(']');
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

  private static Tlp strictest(List<Finding> findings, Map<String, Tlp> tlp) {
    return findings.stream().map(f -> tlp.getOrDefault(f.advisoryId(), Tlp.CLEAR)).max(Comparator.naturalOrder()).orElse(Tlp.CLEAR);
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
