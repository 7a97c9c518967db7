package io.haetae.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Calls to a running hub ({@code --server}): what goes wrong on the way is one line, not a stack trace. */
final class Remote {

  private Remote() {}

  static HttpResponse<String> send(String server, HttpRequest request) throws InterruptedException {
    try {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure("cannot reach the hub at " + server + ": " + reason(e), 2);
    }
  }

  static String reason(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
    if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) return "unknown host";
    if (has(e, HttpConnectTimeoutException.class)) return "no answer within 10 s";
    if (has(e, HttpTimeoutException.class)) return "timed out";
    if (has(e, ConnectException.class)) return "connection refused (is the hub running, and is the port right?)";
    if (has(e, SSLException.class)) return "TLS failed (" + t.getMessage() + ")";
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
    return false;
  }
}
