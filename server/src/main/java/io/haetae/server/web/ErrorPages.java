package io.haetae.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error the servlet container sees (403, 404, 405, 429, 500, ...) ends here instead of
 * Spring's default page: people get the hub's own page in its layout with a way back, machines
 * ({@code /api/**}, {@code /v1/**}, or anyone not asking for HTML) get
 * {@code application/problem+json} with a sentence saying what happened. A server error shows
 * no exception text, only a reference that is also in the log beside the stack trace.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPages implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

  /** Statuses with their own wording; any other is worded by its class (4xx or 5xx). */
  private static final java.util.Set<Integer> WORDED = java.util.Set.of(400, 401, 403, 404, 405, 413, 429, 500, 503);

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  Object page(HttpServletRequest request) {
    Failure failure = Failure.of(request);
    if (failure.isApi()) return problem(request);
    var page = new ModelAndView("web/error", Map.of(
        "status", failure.status().value(),
        "key", failure.messageKey(),
        "reference", failure.reference() == null ? "" : failure.reference()));
    page.setStatus(failure.status());
    return page;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    Failure failure = Failure.of(request);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(failure.status(), failure.apiDetail());
    body.setTitle(failure.status().getReasonPhrase());
    if (failure.reference() != null) body.setProperty("reference", failure.reference());
    return ResponseEntity.status(failure.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** What went wrong for one request, read from the attributes the container sets on an error dispatch. */
  private record Failure(HttpStatus status, String path, String reference) {

    static Failure of(HttpServletRequest request) {
      Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      // /error asked for directly (no error behind it) is a page that is not there.
      HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 404);
      if (status == null) status = HttpStatus.INTERNAL_SERVER_ERROR;
      Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      String path = uri == null ? "" : uri.toString();
      String reference = null;
      if (status.is5xxServerError()) {
        // The reference lets an operator find the stack trace; the page never shows it.
        reference = UUID.randomUUID().toString().substring(0, 8);
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        log.atError().addKeyValue("reference", reference).addKeyValue("path", path).addKeyValue("status", status.value())
            .setCause(error instanceof Throwable t ? t : null).log("request failed");
      }
      return new Failure(status, path, reference);
    }

    boolean isApi() {
      return path.startsWith("/api/") || path.startsWith("/v1/");
    }

    String messageKey() {
      int s = status.value();
      return "error." + (WORDED.contains(s) ? s : status.is4xxClientError() ? "4xx" : "5xx");
    }

    String apiDetail() {
      return switch (status.value()) {
        case 401 -> "no valid API key: send an organisation's key in the X-Api-Key header";
        case 403 -> "your role does not allow this";
        case 404 -> "nothing here: no such route or object (" + path + ")";
        case 405 -> "this route does not take that HTTP method";
        case 413 -> "the request is larger than the hub accepts";
        case 429 -> "too many requests; try again later";
        default -> status.is5xxServerError()
            ? "the hub failed to answer; the operators can find what happened by the reference"
            : status.getReasonPhrase();
      };
    }
  }
}
