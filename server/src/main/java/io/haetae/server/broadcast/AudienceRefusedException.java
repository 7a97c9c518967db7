package io.haetae.server.broadcast;

/** The caller may not address part of the audience (a sector operator naming another sector): 403. */
public class AudienceRefusedException extends RuntimeException {

  public AudienceRefusedException(String message) {
    super(message);
  }
}
