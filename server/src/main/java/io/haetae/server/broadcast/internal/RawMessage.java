package io.haetae.server.broadcast.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A message whose bytes are already complete (headers and encoded body): the SMTP transport
 * writes them as they are. Jakarta Mail's own objects look up their stream provider through
 * {@code ServiceLoader} for every body part and every encoded word, and Spring's
 * {@code MimeMessageHelper} scans the class path for {@code mime.types} on every message; at
 * thousands of messages per second that, not SMTP, was the limit (BENCHMARKS.md).
 */
final class RawMessage extends MimeMessage {

  private final byte[] bytes;
  private final Address[] to;
  private final Address[] from;

  RawMessage(Session session, byte[] bytes, InternetAddress to, InternetAddress from, String messageId)
      throws MessagingException {
    super(session);
    this.bytes = bytes;
    this.to = new Address[] {to};
    this.from = new Address[] {from};
    // For whoever asks the headers (the transport's envelope, logs); the bytes are what is sent.
    setHeader("Message-ID", messageId);
  }

  @Override
  public Address[] getAllRecipients() {
    return to.clone();
  }

  @Override
  public Address[] getFrom() {
    return from.clone();
  }

  @Override
  public int getSize() {
    return bytes.length;
  }

  @Override
  protected void updateHeaders() {
    // complete already: nothing to compute, and the Message-ID must stay the stable one
  }

  @Override
  public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
    out.write(bytes);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }
}
