package io.haetae.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Bad input is a 400 that says what is wrong; a missing or foreign object a bare 404. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(BadInputException.class)
  ProblemDetail badInput(BadInputException e, HttpServletRequest request) {
    log.atInfo().addKeyValue("path", request.getRequestURI()).log("rejected input: " + e.getMessage());
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
      MethodArgumentTypeMismatchException.class, MissingServletRequestPartException.class,
      HttpMediaTypeNotSupportedException.class, IllegalArgumentException.class})
  ProblemDetail unreadable(Exception e) {
    String message = e instanceof HttpMessageNotReadableException h && h.getMostSpecificCause() != null
        ? "request body is not valid JSON: " + h.getMostSpecificCause().getMessage()
        : e.getMessage();
    return problem(HttpStatus.BAD_REQUEST, message);
  }

  @ExceptionHandler({MaxUploadSizeExceededException.class, BodyTooLargeException.class})
  ProblemDetail tooLarge(Exception e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "upload exceeds the size limit");
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found");
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(status.getReasonPhrase());
    return p;
  }
}
