package io.haetae.server.alert.internal;

import io.haetae.engine.advisory.Severity;
import io.haetae.server.alert.internal.AlertRecords.Item;
import io.haetae.server.alert.internal.AlertRecords.Upgrade;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Tlp;
import io.haetae.server.web.TemplatedMail;
import io.haetae.server.web.TemplatedMail.Rendered;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The alert mail in the organisation's language: a plain-text part and a phone-readable HTML part
 * (one column, inline styles, no images) from the Thymeleaf templates under
 * {@code templates/alert/mail/}. Upgrades first, most urgent first, each with its due date; then
 * the advisories. A mail reporting TLP-marked advisories carries the strictest label in its
 * subject and opens with its sharing rule (TLP 2.0 asks for the label before the information).
 */
@Component
class AlertMail {

  /** What one mail says. */

  private final SpringTemplateEngine engine;
  private final MessageSource messages;
  private final String baseUrl;

  AlertMail(MessageSource messages, @Value("${haetae.base-url}") String baseUrl) {
    this.messages = messages;
    this.baseUrl = baseUrl;
    this.engine = TemplatedMail.engine(messages, "templates/alert/mail/");
  }

  Rendered render(Organisation org, List<Item> items, String projects, String ackUrl, String alertUrl) {
    Locale locale = org.locale();
    List<Upgrade> upgrades = Upgrade.of(items);
    Tlp tlp = strictest(items);
    String subject = messages.getMessage("alerts.mail.subject", new Object[] {upgrades.size(), org.name(), bands(items)}, locale);
    if (tlp != Tlp.CLEAR) subject = "[" + tlp.label() + "] " + subject;
    var context = new Context(locale);
    context.setVariable("org", org);
    context.setVariable("lang", locale.getLanguage());
    context.setVariable("subject", subject);
    context.setVariable("items", items);
    context.setVariable("upgrades", upgrades);
    context.setVariable("projects", projects);
    context.setVariable("tlp", tlp == Tlp.CLEAR ? null : tlp);
    context.setVariable("baseUrl", baseUrl);
    context.setVariable("ackUrl", ackUrl);
    context.setVariable("alertUrl", alertUrl);
    context.setVariable("settingsUrl", baseUrl + "/alerts/settings");
    return TemplatedMail.render(engine, "alert", context);
  }

  /** One line of the look-alike digest, the technique in the reader's language. */
  record DomainLine(String domain, String protectedName, String technique, int score) {}

  /** The look-alike digest: highest score first, each with the name it imitates and why. */
  Rendered renderDomains(Organisation org, List<DomainAlerts.Match> matches, String pageUrl) {
    Locale locale = org.locale();
    var sorted = matches.stream()
        .sorted(java.util.Comparator.comparingInt(DomainAlerts.Match::score).reversed().thenComparing(DomainAlerts.Match::domain))
        .map(m -> new DomainLine(m.domain(), m.protectedName(),
            messages.getMessage("domainwatch.technique." + m.technique(), null, m.technique(), locale), m.score()))
        .toList();
    String subject = messages.getMessage("alerts.domains.subject", new Object[] {matches.size(), org.name()}, locale);
    var context = new Context(locale);
    context.setVariable("org", org);
    context.setVariable("lang", locale.getLanguage());
    context.setVariable("subject", subject);
    context.setVariable("matches", sorted);
    context.setVariable("pageUrl", pageUrl);
    context.setVariable("settingsUrl", baseUrl + "/alerts/settings");
    return TemplatedMail.render(engine, "domains", context);
  }

  static Tlp strictest(List<Item> items) {
    return items.stream().map(Item::tlp).max(java.util.Comparator.naturalOrder()).orElse(Tlp.CLEAR);
  }

  static Severity worst(List<Item> items) {
    return items.stream().map(Item::severity).min(java.util.Comparator.naturalOrder()).orElse(Severity.UNASSIGNED);
  }

  /** "2 critical, 1 high": the bands of the findings, worst first (severity names stay English, as CVSS writes them). */
  private static String bands(List<Item> items) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    items.forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
    var sb = new StringBuilder();
    counts.forEach((s, c) -> sb.append(sb.isEmpty() ? "" : ", ").append(c).append(' ').append(s.name().toLowerCase(Locale.ROOT)));
    return sb.toString();
  }
}
