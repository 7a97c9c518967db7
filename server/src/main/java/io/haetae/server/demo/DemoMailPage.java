package io.haetae.server.demo;

import com.icegreen.greenmail.util.GreenMail;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What the demo's mail catcher received, newest first: for operators, in the demo only. */
@Controller
@ConditionalOnProperty(name = "haetae.demo", havingValue = "true")
class DemoMailPage {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));

  private final GreenMail server;

  DemoMailPage(GreenMail demoMailServer) {
    this.server = demoMailServer;
  }

  /** One mail as shown; the body is split so links become anchors without unescaped HTML. */
  record Mail(String to, String subject, String at, List<Part> body) {}

  /** A run of the body: text, or a link. */
  record Part(String text, boolean link) {}

  @GetMapping("/demo/mail")
  String mail(Caller caller, Model model) throws MessagingException, IOException {
    caller.require(Capability.ADMINISTER);
    var mails = new ArrayList<Mail>();
    MimeMessage[] received = server.getReceivedMessages();
    var newestFirst = Arrays.stream(received).sorted(Comparator.comparing(DemoMailPage::sent).reversed()).toList();
    for (MimeMessage m : newestFirst) {
      String to = m.getAllRecipients() == null ? "" : String.join(", ", Arrays.stream(m.getAllRecipients()).map(Object::toString).toList());
      mails.add(new Mail(to, m.getSubject(), LOCAL.format(sent(m).toInstant()), parts(text(m.getContent()))));
    }
    model.addAttribute("mails", mails);
    return "demo/mail";
  }

  private static Date sent(MimeMessage m) {
    try {
      return m.getSentDate() != null ? m.getSentDate() : new Date(0);
    } catch (MessagingException e) {
      return new Date(0);
    }
  }

  private static String text(Object content) throws MessagingException, IOException {
    if (content instanceof String s) return s;
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) return (String) part.getContent();
        if (part.getContent() instanceof Multipart) return text(part.getContent());
      }
    }
    return "";
  }

  static List<Part> parts(String text) {
    var parts = new ArrayList<Part>();
    var m = LINK.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) parts.add(new Part(text.substring(at, m.start()), false));
      parts.add(new Part(m.group(), true));
      at = m.end();
    }
    if (at < text.length()) parts.add(new Part(text.substring(at), false));
    return parts;
  }
}
