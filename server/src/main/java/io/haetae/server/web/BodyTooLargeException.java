package io.haetae.server.web;

import java.io.IOException;

/**
 * Thrown by the request body stream when a body without a declared length passes the size
 * limit part-way. An {@link IOException}, so readers treat it as the stream failing (not as bad
 * content); when it reaches a controller's caller it is answered 413.
 */
public class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limit) {
    super("the request body exceeds " + limit + " bytes");
  }
}
