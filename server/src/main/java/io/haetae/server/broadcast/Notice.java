package io.haetae.server.broadcast;

import java.util.List;

/**
 * A notice to send: a title, a Markdown body (rendered to safe HTML: raw HTML in it is shown as
 * text, and the result is sanitised), its audience, attachments, and whether recipients are
 * asked to acknowledge it with a one-click link. {@code kind} says what sent it ("notice" for an
 * operator's broadcast; other modules use their own, e.g. "check.invitation"), for lists and audit.
 * In the body, {@code {organisation}} is replaced by each recipient organisation's name.
 */
public record Notice(String kind, String title, String body, Audience audience, List<Attachment> attachments,
    boolean requireAcknowledgement) {

  public static final String OPERATOR_NOTICE = "notice";

  public Notice {
    kind = kind == null || kind.isBlank() ? OPERATOR_NOTICE : kind.strip();
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public Notice(String title, String body, Audience audience, boolean requireAcknowledgement) {
    this(OPERATOR_NOTICE, title, body, audience, List.of(), requireAcknowledgement);
  }
}
