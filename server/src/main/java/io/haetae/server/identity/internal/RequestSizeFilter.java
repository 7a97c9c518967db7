package io.haetae.server.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import io.haetae.server.web.BodyTooLargeException;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request body limits ahead of everything else: SBOM uploads and advisory imports may carry up
 * to {@code haetae.limits.upload} (default 100 MB), and so may a batch of reports; every other request up to
 * {@code haetae.limits.request} (default 2 MB). A declared length over the limit answers 413 at
 * once; a chunked body is cut off when it passes the limit, so no body is read without bound.
 * A multipart body must also parse before anything else reads it.
 */
class RequestSizeFilter extends OncePerRequestFilter {

  private final long uploadLimit;
  private final long requestLimit;

  RequestSizeFilter(DataSize uploadLimit, DataSize requestLimit) {
    this.uploadLimit = uploadLimit.toBytes();
    this.requestLimit = requestLimit.toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // The self-check takes lockfiles and zips too; it checks its own, lower, per-file limits; so
    // does an incident case's evidence (haetae.incidents.evidence-limit, a 413 that names it).
    // A mass disclosure (reports/batch) is an upload too.
    long limit = path.equals("/api/v1/bom") || path.startsWith("/api/v1/advisories/import/") || path.equals("/api/v1/reports/batch")
        || path.equals("/api/v1/self-check") || path.equals("/self-check") || isEvidenceUpload(path) ? uploadLimit : requestLimit;
    if (request.getContentLengthLong() > limit) {
      Refusals.problem(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the request body exceeds the size limit");
      return;
    }
    if (!multipartParses(request, response)) return;
    chain.doFilter(new Limited(request, limit), response);
  }

  private static boolean isEvidenceUpload(String path) {
    return path.startsWith("/api/v1/incidents/") && path.endsWith("/evidence")
        || path.startsWith("/incidents/") && path.endsWith("/evidence");
  }

  /**
   * A multipart body that does not parse (no boundary, cut short, over the part limits) is
   * answered here. Left alone, every later {@code getParameter} (the locale interceptor's, on
   * every request and again on the error dispatch) throws, and the caller gets a 500 or the
   * container's bare error page instead of a problem (docs/fuzzing.md).
   */
  private static boolean multipartParses(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) return true;
    try {
      request.getParts();
      return true;
    } catch (IOException | ServletException | IllegalStateException e) {
      if (tooLarge(e)) {
        Refusals.problem(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "a part of the upload exceeds the size limit");
      } else {
        Refusals.problem(response, HttpServletResponse.SC_BAD_REQUEST,
            "the multipart/form-data body is malformed (no boundary, or cut short)");
      }
      return false;
    }
  }

  /** Tomcat's part limits fail as FileSizeLimitExceededException or SizeLimitExceededException. */
  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getSimpleName().contains("SizeLimitExceeded")) return true;
    }
    return false;
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) stream = new Counting(super.getInputStream(), limit);
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) count(n);
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) throw new BodyTooLargeException(limit);
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
