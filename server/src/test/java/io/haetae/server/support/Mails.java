package io.haetae.server.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** The parts of a received mail: alerts are multipart (plain text and HTML). */
public final class Mails {

  private Mails() {}

  /** The text/plain part (the whole body of a single-part text mail). */
  public static String text(MimeMessage message) {
    return part(message, "text/plain");
  }

  /** The text/html part, or null. */
  public static String html(MimeMessage message) {
    return part(message, "text/html");
  }

  private static String part(Part part, String type) {
    try {
      if (part.isMimeType(type)) return part.getContent().toString();
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          String found = part(body, type);
          if (found != null) return found;
        }
      }
      return null;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("unreadable mail part", e);
    }
  }
}
