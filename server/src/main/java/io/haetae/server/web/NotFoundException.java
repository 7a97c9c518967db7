package io.haetae.server.web;

/**
 * Not there, or not the caller's to see: both answer 404 with a body that names nothing of
 * the object, so a foreign organisation's ids cannot be probed.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what) {
    super(what + " not found");
  }
}
