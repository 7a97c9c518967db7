package io.haetae.server.oversight.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** One page of a long table: {@code page} counts from 1; the links keep every other parameter. */
record Pager(int page, int size, long total, String previous, String next) {

  static final int SIZE = 25;

  static Pager of(Integer page, long total, HttpServletRequest request) {
    int last = (int) Math.max(1, (total + SIZE - 1) / SIZE);
    int p = page == null || page < 1 ? 1 : Math.min(page, last);
    return new Pager(p, SIZE, total, p > 1 ? link(request, p - 1) : null, p < last ? link(request, p + 1) : null);
  }

  private static String link(HttpServletRequest request, int page) {
    var b = UriComponentsBuilder.fromPath(request.getRequestURI());
    request.getParameterMap().forEach((k, v) -> { if (!k.equals("page")) b.queryParam(k, (Object[]) v); });
    return b.queryParam("page", page).encode().build().toUriString();
  }

  public int offset() {
    return (page - 1) * size;
  }

  public int pages() {
    return (int) Math.max(1, (total + size - 1) / size);
  }
}
