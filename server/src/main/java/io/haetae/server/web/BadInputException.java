package io.haetae.server.web;

/**
 * Input the caller must fix: answered 400 with the message, which names the file, field,
 * JSON pointer or line. Nothing was stored when this is thrown.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class BadInputException extends RuntimeException {

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
