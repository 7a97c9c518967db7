package io.haetae.server.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request body limits ahead of everything else: SBOM uploads and advisory imports may carry up
 * to {@code haetae.limits.upload} (default 100 MB), and so may a batch of reports; every other request up to
 * {@code haetae.limits.request} (default 2 MB). A declared length over the limit answers 413 at
 * once; a chunked body is cut off when it passes the limit, so no body is read without bound.
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
    chain.doFilter(new Limited(request, limit), response);
  }

  private static boolean isEvidenceUpload(String path) {
    return path.startsWith("/api/v1/incidents/") && path.endsWith("/evidence")
        || path.startsWith("/incidents/") && path.endsWith("/evidence");
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
      if (read > limit) throw new IOException("request body exceeds " + limit + " bytes");
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
