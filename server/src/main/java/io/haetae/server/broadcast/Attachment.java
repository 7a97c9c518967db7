package io.haetae.server.broadcast;

/** A file sent with a notice (a PDF guideline, say); its size is capped by {@link Broadcasts}. */
public record Attachment(String name, String contentType, byte[] content) {

  public Attachment {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }
}
