package io.haetae.server.alert.internal;

import io.haetae.server.web.BadInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point. A hub inside a government network must not become a way to reach
 * that network (SSRF): only http(s) URLs whose host resolves to public addresses, checked when the
 * endpoint is registered and again before every delivery (an address can change). The JVM caches
 * a successful lookup for 30 s, so the HTTP client connects to the addresses just checked.
 * {@code haetae.webhooks.allow-private-addresses=true} lifts the address rule (a hub whose
 * receivers are on its own network, and tests).
 */
@Component
class WebhookTargets {

  static final int MAX_URL = 2000;

  /** The URL's host resolves to an address a webhook may not reach. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private final boolean allowPrivate;

  WebhookTargets(@Value("${haetae.webhooks.allow-private-addresses:false}") boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** A URL to register; a 400 naming {@code url} and the reason otherwise. */
  URI parse(String raw) {
    if (raw == null || raw.isBlank()) throw new BadInputException("'url' is missing");
    String text = raw.strip();
    if (text.length() > MAX_URL) throw new BadInputException("'url' is longer than " + MAX_URL + " characters");
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new BadInputException("'url' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new BadInputException("'url' must be an http or https URL, not '" + (scheme.isEmpty() ? text : scheme + ":") + "'");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) throw new BadInputException("'url' has no host name");
    if (uri.getRawUserInfo() != null) throw new BadInputException("'url' must not carry a user name or password");
    if (uri.getRawFragment() != null) throw new BadInputException("'url' must not have a #fragment");
    try {
      check(uri);
    } catch (Refused e) {
      throw new BadInputException("'url' " + e.getMessage());
    }
    return uri;
  }

  /** Resolves the host and refuses private, loopback, link-local and other non-public addresses. */
  void check(URI uri) throws Refused {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new Refused("names a host that does not resolve: " + uri.getHost());
    }
    if (allowPrivate) return;
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        throw new Refused("points to " + a.getHostAddress() + ", a private, loopback or link-local address; "
            + "webhooks go to public addresses only (haetae.webhooks.allow-private-addresses)");
      }
    }
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) return isPublicV4(b);
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) return false; // fc00::/7 unique local
      if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return isPublicV4(tail(b, 12)); // ::ffff:a.b.c.d
      if (isZero(b, 0, 12)) return false; // ::/96 (IPv4-compatible, deprecated) and ::
      if (first == 0x20 && (b[1] & 0xff) == 0x02) return isPublicV4(tail(b, 2)); // 2002::/16 6to4 wraps an IPv4 address
      if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return isPublicV4(tail(b, 12)); // 64:ff9b::/96 NAT64
      }
      if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return false; // documentation
      return true;
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int x = b[0] & 0xff;
    int y = b[1] & 0xff;
    if (x == 0 || x == 10 || x == 127 || x >= 224) return false; // this network, private, loopback, multicast + reserved
    if (x == 169 && y == 254) return false; // link-local, cloud metadata (169.254.169.254)
    if (x == 172 && (y & 0xf0) == 16) return false;
    if (x == 192 && y == 168) return false;
    if (x == 100 && (y & 0xc0) == 64) return false; // 100.64/10 carrier-grade NAT
    if (x == 192 && y == 0 && (b[2] & 0xff) == 0) return false; // 192.0.0/24 protocol assignments
    if (x == 198 && (y & 0xfe) == 18) return false; // 198.18/15 benchmarking
    return true;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }

  private static byte[] tail(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }
}
