package io.haetae.server.disclosure.internal;

import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.Tlp;
import io.haetae.server.web.TemplatedMail;
import io.haetae.server.web.TemplatedMail.Rendered;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The mails about a case, in the receiving organisation's language: a plain-text part and a
 * phone-readable HTML part from the Thymeleaf templates under {@code templates/disclosure/mail/}.
 * A case is shared with invited organisations under TLP:AMBER+STRICT, and a mail leaves the hub's
 * access control: it names the case's title, who acted and when the embargo ends, and links the
 * case page; the description and every other detail stay behind the sign-in.
 */
@Component
class CaseMail {

  /** The label invited organisations receive a case under (docs/disclosure.md, "Invitations"). */
  static final Tlp SHARED_AS = Tlp.AMBER_STRICT;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (VV)");

  private final SpringTemplateEngine engine;
  private final MessageSource messages;
  private final String baseUrl;
  private final ZoneId zone;

  CaseMail(MessageSource messages, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.disclosure.zone:Asia/Seoul}") ZoneId zone) {
    this.messages = messages;
    this.baseUrl = baseUrl;
    this.zone = zone;
    this.engine = TemplatedMail.engine(messages, "templates/disclosure/mail/");
  }

  /** "You were invited to a case": the title, who invited, as what, the embargo end if any, the link. */
  Rendered invited(Organisation org, UUID reportId, String title, String inviter, String role, Instant embargoEndsAt) {
    Locale locale = org.locale();
    String subject = "[" + SHARED_AS.label() + "] " + messages.getMessage("disclosure.mail.invited.subject", new Object[] {title}, locale);
    var context = context(org, subject, reportId, title);
    context.setVariable("inviter", inviter);
    context.setVariable("role", messages.getMessage("disclosure.role." + role, null, locale));
    context.setVariable("embargoEnds", embargoEndsAt == null ? null : embargoEndsAt.atZone(zone).format(WHEN));
    return render("invited", context);
  }

  /** "The embargo ended": the title, when it was due to end, the link. */
  Rendered embargoExpired(Organisation org, UUID reportId, String title, Instant endsAt) {
    Locale locale = org.locale();
    String subject = "[" + SHARED_AS.label() + "] " + messages.getMessage("disclosure.mail.expired.subject", new Object[] {title}, locale);
    var context = context(org, subject, reportId, title);
    context.setVariable("embargoEnds", endsAt.atZone(zone).format(WHEN));
    return render("embargo-expired", context);
  }

  /** The stable Message-ID of one kind of mail about one case to one organisation: a resend after a crash repeats it. */
  static String messageId(String kind, UUID reportId, UUID orgId) {
    return "<disclosure." + kind.toLowerCase(Locale.ROOT).replace('_', '-') + "." + reportId + "." + orgId + "@haetae>";
  }

  private Context context(Organisation org, String subject, UUID reportId, String title) {
    var context = new Context(org.locale());
    context.setVariable("org", org);
    context.setVariable("lang", org.locale().getLanguage());
    context.setVariable("subject", subject);
    context.setVariable("tlp", SHARED_AS);
    context.setVariable("title", title);
    context.setVariable("link", baseUrl + "/reports/" + reportId);
    return context;
  }

  private Rendered render(String template, Context context) {
    return TemplatedMail.render(engine, template, context);
  }
}
